-- The platform's default shipping table, copied into every new shop's own table (which the
-- producer then edits). Fees in centimes, by distance from the centre as Algerian couriers price:
-- centre, north, highlands, south, far south. Stop-desk is cheaper than delivery to the door.
INSERT INTO "shipping_rates" ("id", "shop_id", "wilaya_code", "home_fee", "desk_fee", "delay_days")
SELECT 'default-' || w.code, NULL, w.code,
  CASE zone WHEN 'centre' THEN 40000 WHEN 'north' THEN 60000 WHEN 'highlands' THEN 70000 WHEN 'south' THEN 100000 ELSE 150000 END,
  CASE zone WHEN 'centre' THEN 25000 WHEN 'north' THEN 40000 WHEN 'highlands' THEN 45000 WHEN 'south' THEN 70000 ELSE 100000 END,
  CASE zone WHEN 'centre' THEN 2 WHEN 'north' THEN 3 WHEN 'highlands' THEN 4 WHEN 'south' THEN 6 ELSE 8 END
FROM (
  SELECT code, CASE
    WHEN code IN (9, 16, 35, 42) THEN 'centre'
    WHEN code IN (11, 33, 37, 54, 56) THEN 'far_south'
    WHEN code IN (1, 8, 30, 32, 39, 47, 49, 50, 51, 52, 53, 55, 57, 58) THEN 'south'
    WHEN code IN (3, 5, 7, 12, 14, 17, 20, 28, 40, 45, 48) THEN 'highlands'
    ELSE 'north'
  END AS zone
  FROM "wilayas"
) AS w;
