-- AlterTable
ALTER TABLE "OrderLink" ADD COLUMN     "primaChangedAt" TIMESTAMP(3);

