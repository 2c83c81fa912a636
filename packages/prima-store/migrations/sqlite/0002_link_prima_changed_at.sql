-- AlterTable
ALTER TABLE "OrderLink" ADD COLUMN "primaChangedAt" DATETIME;

