-- The order's quantities by SKU while it is not in Prima yet (stock sync holds them back).
ALTER TABLE "OrderLink" ADD COLUMN "heldLines" JSONB;
