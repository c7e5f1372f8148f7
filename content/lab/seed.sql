-- The SQL practice lab's shop database.
--
-- This file builds the online shop that the guide uses as its running
-- example and fills it with made-up data. The lab loads it into PGlite
-- (PostgreSQL 18 compiled to WebAssembly) in the reader's browser, and
-- lab/check-exercises.mjs loads it in Node.js to test every exercise.
--
-- The tables follow the guide:
--   customers, orders, order_items  /guide/databases#schema-design
--   idempotency_keys                /guide/apis#idempotency-and-retries
--   processed_messages              /guide/tools#queues-and-background-jobs
--   products                        referred to, but not shown, by the guide;
--                                   its columns come from the guide's examples
--                                   (id 42 is the desk lamp at 2990 cents with
--                                   one left in stock, id 57 the notebook).
-- One column is added to the guide's orders table: delivery_note, which the
-- guide's injection example (/guide/security#injection) searches.
--
-- Everything is deterministic. The random numbers come from setseed() below,
-- every timestamp is fixed (nothing uses now()), and every row is inserted
-- with an explicit id, so each load gives the same rows with the same ids
-- and the exercises can quote them.
--
-- What the data is like, so that exercises have something to find:
--   * 2,000 customers: ids 1 to 1999 and the guide's customer 88213.
--     Customers 1901 to 1999 signed up in October and November 2026 and
--     have not ordered yet. Some emails are capitalised, and there are three
--     "Maria Garcia" accounts whose addresses look alike.
--   * 200 products at a handful of price points, so many prices tie.
--   * 100,000 orders from June 2020 to 2026-11-30, ids in the order they
--     were placed, none before its customer signed up. A few low-numbered
--     customers have thousands of orders and most have a few dozen.
--     Customer 88213 has 3,000.
--     Orders before 2022 came from an older system that kept only the date,
--     so they all show midnight UTC and share timestamps.
--     Customer 88213's newest orders include two pairs placed in the same
--     second: the 2nd and 3rd newest, and the 20th and 21st newest (which
--     sit either side of the boundary between page 1 and page 2).
--   * About 250,000 order items. Orders before 2025 paid 10% less than
--     today's price, so unit_price_cents often differs from price_cents.
--   * coupon_code is NULL for about 85% of orders, shipped_at is NULL for
--     orders that have not shipped (pending, paid, cancelled), and
--     delivery_note is NULL for most.
--   * total_cents equals the sum of the order's items, except for seven
--     orders planted for the "nightly check" exercise.
--   * The shop's clock stops at 2026-12-01 00:00 UTC: the exercises use that
--     moment as "now".
--
-- Indexes: only those the guide creates. In particular there is NO index on
-- orders (status), orders (placed_at) or order_items (product_id), so the
-- index exercises can create one and watch EXPLAIN ANALYZE switch from a
-- Seq Scan to an index scan.

SELECT setseed(0.42);

-- ---------------------------------------------------------------------------
-- Schema
-- ---------------------------------------------------------------------------

CREATE TABLE customers (
  id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  email      text NOT NULL,
  name       text NOT NULL,
  time_zone  text NOT NULL DEFAULT 'Europe/Berlin',   -- for "this month" in their terms
  created_at timestamptz NOT NULL DEFAULT now()
);
-- One account per address, however the customer capitalises it
CREATE UNIQUE INDEX customers_email_key ON customers (lower(email));

CREATE TABLE products (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  sku         text NOT NULL UNIQUE,                   -- the warehouse's code
  name        text NOT NULL,
  category    text NOT NULL,
  price_cents bigint NOT NULL CHECK (price_cents >= 0),   -- today's price, in EUR
  stock       integer NOT NULL DEFAULT 0 CHECK (stock >= 0)
);

CREATE TABLE orders (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  customer_id   bigint NOT NULL REFERENCES customers (id),
  placed_at     timestamptz NOT NULL DEFAULT now(),
  status        text NOT NULL DEFAULT 'pending'
                CHECK (status IN ('pending', 'paid', 'shipped', 'delivered', 'cancelled')),
  total_cents   bigint NOT NULL CHECK (total_cents >= 0),
  currency      text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),   -- ISO 4217, e.g. EUR
  coupon_code   text,            -- NULL: no coupon was used
  shipped_at    timestamptz,     -- NULL: not shipped yet
  delivery_note text             -- NULL: the customer left no note
);
-- Serves the order history: one customer's orders, newest first
CREATE INDEX orders_customer_placed_idx ON orders (customer_id, placed_at DESC, id DESC);

CREATE TABLE order_items (
  order_id         bigint NOT NULL REFERENCES orders (id),
  product_id       bigint NOT NULL REFERENCES products (id),
  quantity         integer NOT NULL CHECK (quantity > 0),
  unit_price_cents bigint NOT NULL CHECK (unit_price_cents >= 0),  -- the price paid
  PRIMARY KEY (order_id, product_id)
);

CREATE TABLE idempotency_keys (
  customer_id     bigint      NOT NULL REFERENCES customers (id),
  idempotency_key text        NOT NULL,
  request_hash    text        NOT NULL,  -- fingerprint of the body, to catch a reused key
  state           text        NOT NULL CHECK (state IN ('started', 'completed')),
  response_status integer,               -- filled in when the request completes
  response_body   jsonb,
  created_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (customer_id, idempotency_key)
);

-- Messages a queue consumer has already handled, so a redelivered message
-- can be recognised and skipped.
CREATE TABLE processed_messages (
  consumer     text        NOT NULL,
  message_id   text        NOT NULL,
  processed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (consumer, message_id)
);

-- ---------------------------------------------------------------------------
-- Products: 10 adjectives x 20 kinds of thing = 200 products
-- ---------------------------------------------------------------------------

INSERT INTO products (id, sku, name, category, price_cents, stock)
OVERRIDING SYSTEM VALUE
SELECT g,
       -- a code that has nothing to do with the id, so sorting by sku
       -- and sorting by id give different orders
       'SKU-' || upper(substr(md5('product-' || g), 1, 6)),
       initcap(adjective) || ' ' || noun,
       category,
       base_cents + premium_cents,
       CASE WHEN g % 23 = 0 THEN 0                     -- a few are sold out
            ELSE 5 + floor(random() * 120)::int END
FROM (
  SELECT g,
         (ARRAY['classic', 'oak', 'walnut', 'steel', 'linen',
                'compact', 'deluxe', 'recycled', 'travel', 'studio'])[1 + (g - 1) / 20] AS adjective,
         (ARRAY['notebook', 'desk lamp', 'floor lamp', 'pen set', 'office chair',
                'standing desk', 'mug', 'teapot', 'backpack', 'tote bag',
                'keyboard', 'mouse', 'monitor stand', 'cable tidy', 'bookshelf',
                'planner', 'pencil case', 'water bottle', 'lunch box', 'headphones'])[1 + (g - 1) % 20] AS noun,
         (ARRAY['Stationery', 'Lighting', 'Lighting', 'Stationery', 'Furniture',
                'Furniture', 'Kitchen', 'Kitchen', 'Bags', 'Bags',
                'Electronics', 'Electronics', 'Furniture', 'Electronics', 'Furniture',
                'Stationery', 'Stationery', 'Kitchen', 'Kitchen', 'Electronics'])[1 + (g - 1) % 20] AS category,
         (ARRAY[450, 2490, 4990, 1290, 12900, 24900, 990, 1990, 4990, 1490,
                4990, 1990, 2990, 990, 7990, 1490, 990, 1490, 990, 7990])[1 + (g - 1) % 20] AS base_cents,
         (ARRAY[0, 500, 1000, 500, 0, 1000, 500, 0, 0, 500])[1 + (g - 1) / 20] AS premium_cents
  FROM generate_series(1, 200) AS g
) AS p
ORDER BY g;

-- The two products the guide names
UPDATE products SET name = 'Desk lamp', price_cents = 2990, stock = 1 WHERE id = 42;
UPDATE products SET name = 'Notebook', price_cents = 450 WHERE id = 57;

SELECT setval(pg_get_serial_sequence('products', 'id'), 200);

-- ---------------------------------------------------------------------------
-- Customers
-- ---------------------------------------------------------------------------

INSERT INTO customers (id, email, name, time_zone, created_at)
OVERRIDING SYSTEM VALUE
WITH draw AS MATERIALIZED (
  SELECT g,
         (ARRAY['Anna', 'Ben', 'Clara', 'David', 'Elif', 'Felix', 'Greta', 'Hugo',
                'Ines', 'Jonas', 'Kemal', 'Lena', 'Mateo', 'Nina', 'Omar', 'Paula',
                'Quentin', 'Rosa', 'Sami', 'Tara', 'Umar', 'Vera', 'Wim', 'Yara',
                'Zoe', 'Aisha', 'Bruno', 'Chloe', 'Dmitri', 'Emma'])[1 + floor(random() * 30)::int] AS first_name,
         (ARRAY['Schmidt', 'Garcia', 'Smith', 'Rossi', 'Novak', 'Dubois', 'Jansen',
                'Kowalski', 'Silva', 'Yilmaz', 'Murphy', 'Olsen', 'Weber', 'Costa',
                'Nagy', 'Brown', 'Martin', 'Fischer', 'Lopez', 'Ahmed', 'Berg',
                'Moreau', 'Horvat', 'Wagner', 'Kelly'])[1 + floor(random() * 25)::int] AS last_name,
         random() AS r_zone,
         random() AS r_case,
         random() AS r_created
  FROM generate_series(1, 1999) AS g
)
SELECT g,
       CASE WHEN r_case < 0.06   -- some people type their address capitalised
            THEN first_name || '.' || last_name || g || '@Example.test'
            ELSE lower(first_name || '.' || last_name) || g || '@example.test' END,
       first_name || ' ' || last_name,
       CASE WHEN r_zone < 0.50 THEN 'Europe/Berlin'
            WHEN r_zone < 0.62 THEN 'Europe/Paris'
            WHEN r_zone < 0.70 THEN 'Europe/Madrid'
            WHEN r_zone < 0.85 THEN 'Europe/London'
            ELSE 'America/New_York' END,
       CASE WHEN g > 1900   -- new sign-ups, no orders yet
            THEN timestamptz '2026-10-01 00:00+00'
                 + date_trunc('second', r_created * interval '60 days')
            -- accounts from before 2022 came from the old system: date only
            ELSE date_trunc('second',
                   timestamptz '2020-06-01 00:00+00' + r_created * interval '1800 days') END
FROM draw
ORDER BY g;

UPDATE customers SET created_at = date_trunc('day', created_at)
WHERE created_at < timestamptz '2022-01-01 00:00+00';

-- Three "Maria Garcia" accounts whose addresses look alike. The unique index
-- on lower(email) allows them, because no two are equal once lower-cased.
UPDATE customers SET name = 'Maria Garcia', email = 'maria.garcia@example.test' WHERE id = 17;
UPDATE customers SET name = 'Maria Garcia', email = 'Maria.Garcia+shop@Example.test' WHERE id = 1203;
UPDATE customers SET name = 'Maria Garcia', email = 'mariagarcia@example.test' WHERE id = 1544;

-- The guide's customer, a long-standing one with many orders
INSERT INTO customers (id, email, name, time_zone, created_at)
OVERRIDING SYSTEM VALUE
VALUES (88213, 'sam.okafor@example.test', 'Sam Okafor', 'Europe/Berlin',
        timestamptz '2021-01-10 00:00+00');

-- New sign-ups get 2000, 2001, ...
SELECT setval(pg_get_serial_sequence('customers', 'id'), 1999);

-- ---------------------------------------------------------------------------
-- Orders, first drawn into a scratch table, then numbered in time order
-- ---------------------------------------------------------------------------

CREATE TEMP TABLE seed_orders AS
WITH draw AS MATERIALIZED (
  -- 97,000 orders for customers 1 to 1900, skewed towards low ids
  SELECT g,
         1 + floor(random() ^ 2 * 1900)::bigint AS customer_id,
         random() AS r_when, random() AS r_status, random() AS r_coupon,
         random() AS r_coupon_pick, random() AS r_note, random() AS r_note_pick,
         random() AS r_ship, random() AS r_items, random() AS r_base
  FROM generate_series(1, 97000) AS g
  UNION ALL
  -- 3,000 for customer 88213: 2,975 spread over almost six years ...
  SELECT g, 88213,
         random(), random(), random(), random(), random(), random(),
         random(), random(), random()
  FROM generate_series(97001, 100000) AS g
),
timed AS (
  SELECT d.*,
         CASE
           WHEN d.g > 99975 THEN
             -- ... and 25 in the last fortnight at fixed times, 13 hours
             -- apart; k counts from the newest (k = 0). Two pairs share a
             -- second: k = 1 and 2 (a double click), k = 19 and 20.
             timestamptz '2026-11-30 21:15:00+00'
               - interval '13 hours' * (CASE WHEN k IN (2, 20) THEN k - 1 ELSE k END)
           WHEN d.customer_id = 88213 THEN
             date_trunc('second', timestamptz '2021-01-15 00:00+00'
               + d.r_when * (timestamptz '2026-11-16 00:00+00' - timestamptz '2021-01-15 00:00+00'))
           ELSE
             date_trunc('second', c.created_at
               + d.r_when * (timestamptz '2026-11-30 23:00+00' - c.created_at))
         END AS raw_placed_at,
         c.time_zone
  FROM draw AS d
  JOIN customers AS c ON c.id = d.customer_id
  CROSS JOIN LATERAL (SELECT 100000 - d.g AS k) AS planted
),
dated AS (
  SELECT t.*,
         -- the old system kept only the date
         CASE WHEN raw_placed_at < timestamptz '2022-01-01 00:00+00'
              THEN date_trunc('day', raw_placed_at) ELSE raw_placed_at END AS placed_at
  FROM timed AS t
)
SELECT g,
       customer_id,
       placed_at,
       CASE
         WHEN placed_at > timestamptz '2026-11-28 23:00+00' THEN
           CASE WHEN r_status < 0.4 THEN 'pending' ELSE 'paid' END
         WHEN placed_at > timestamptz '2026-11-23 23:00+00' THEN
           CASE WHEN r_status < 0.3 THEN 'paid'
                WHEN r_status < 0.9 THEN 'shipped' ELSE 'cancelled' END
         ELSE
           CASE WHEN r_status < 0.003 THEN 'pending'     -- abandoned checkouts
                WHEN r_status < 0.08  THEN 'cancelled'
                WHEN r_status < 0.10  THEN 'shipped'     -- still on its way, or lost
                ELSE 'delivered' END
       END AS status,
       CASE time_zone WHEN 'Europe/London' THEN 'GBP'
                      WHEN 'America/New_York' THEN 'USD'
                      ELSE 'EUR' END AS currency,
       CASE WHEN r_coupon < 0.15
            THEN (ARRAY['WELCOME10', 'SUMMER24', 'BLACKFRIDAY', 'STAFF', 'FREESHIP'])
                   [1 + floor(r_coupon_pick * 5)::int] END AS coupon_code,
       r_ship,
       CASE
         WHEN customer_id = 88213 AND g % 500 = 0
           THEN 'Leave with Mrs O''Brien at number 14'
         WHEN r_note < 0.08
           THEN (ARRAY['Leave at the back door', 'Ring twice',
                       'Please deliver after 6 pm', 'Leave with the neighbour at number 12',
                       'Call before delivery', 'Parcel box by the garage'])
                  [1 + floor(r_note_pick * 6)::int]
       END AS delivery_note,
       1 + floor(r_items * 4)::int AS n_items,      -- 1 to 4 products
       floor(r_base ^ 1.5 * 200)::int AS base        -- low ids sell more
FROM dated;

CREATE TEMP TABLE seed_numbered AS
SELECT row_number() OVER (ORDER BY placed_at, g) AS id, s.*
FROM seed_orders AS s;

-- Items: distinct products per order (steps of 53 around 200 never repeat
-- within four), mostly one of each. The price paid is today's price, 10%
-- less before 2025, converted for orders in pounds or dollars.
CREATE TEMP TABLE seed_items AS
SELECT o.id AS order_id,
       1 + (o.base + k * 53) % 200 AS product_id,
       1 + floor(random() ^ 3 * 4)::int AS quantity,
       o.placed_at,
       o.currency
FROM seed_numbered AS o
CROSS JOIN LATERAL generate_series(1, o.n_items) AS k
ORDER BY o.id, k;

CREATE TEMP TABLE seed_priced AS
SELECT i.order_id, i.product_id, i.quantity,
       round(p.price_cents
             * CASE WHEN i.placed_at < timestamptz '2025-01-01 00:00+00' THEN 0.9 ELSE 1 END
             * CASE i.currency WHEN 'GBP' THEN 0.86 WHEN 'USD' THEN 1.08 ELSE 1 END)::bigint
         AS unit_price_cents
FROM seed_items AS i
JOIN products AS p ON p.id = i.product_id;

-- Checking 350,000 foreign-key references one row at a time would double
-- the load time, and the rows are consistent by construction. So the
-- foreign-key triggers are switched off for the two big inserts
-- (session_replication_role = replica; the lab's user is a superuser), and
-- one query afterwards proves that no reference dangles. CHECK, NOT NULL and
-- UNIQUE constraints are still enforced as the rows go in.
SET session_replication_role = replica;

INSERT INTO orders (id, customer_id, placed_at, status, total_cents, currency,
                    coupon_code, shipped_at, delivery_note)
OVERRIDING SYSTEM VALUE
SELECT o.id, o.customer_id, o.placed_at, o.status,
       s.items_cents
         -- seven orders whose stored total is 5.00 too high
         + CASE WHEN o.id % 14281 = 0 THEN 500 ELSE 0 END,
       o.currency, o.coupon_code,
       CASE WHEN o.status IN ('shipped', 'delivered')
            THEN least(date_trunc('minute', o.placed_at + interval '6 hours'
                                             + o.r_ship * interval '66 hours'),
                       timestamptz '2026-11-30 23:00+00') END,
       o.delivery_note
FROM seed_numbered AS o
JOIN (SELECT order_id, sum(quantity * unit_price_cents) AS items_cents
      FROM seed_priced
      GROUP BY order_id) AS s ON s.order_id = o.id
ORDER BY o.id;

INSERT INTO order_items (order_id, product_id, quantity, unit_price_cents)
SELECT order_id, product_id, quantity, unit_price_cents
FROM seed_priced;

RESET session_replication_role;

DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM orders AS o
             WHERE NOT EXISTS (SELECT 1 FROM customers AS c WHERE c.id = o.customer_id))
  OR EXISTS (SELECT 1 FROM order_items AS i
             WHERE NOT EXISTS (SELECT 1 FROM orders AS o WHERE o.id = i.order_id)
                OR NOT EXISTS (SELECT 1 FROM products AS p WHERE p.id = i.product_id))
  THEN
    RAISE EXCEPTION 'seed.sql: a foreign key points at a row that does not exist';
  END IF;
END
$$;

SELECT setval(pg_get_serial_sequence('orders', 'id'), 100000);

DROP TABLE seed_priced, seed_items, seed_numbered, seed_orders;

-- ---------------------------------------------------------------------------
-- Idempotency keys and processed messages
-- ---------------------------------------------------------------------------

-- 300 completed keys from ordinary checkouts in November 2026
INSERT INTO idempotency_keys (customer_id, idempotency_key, request_hash, state,
                              response_status, response_body, created_at)
SELECT o.customer_id,
       md5('key-' || o.id)::uuid::text,
       'sha256:' || substr(md5('body-' || o.id), 1, 16),
       'completed',
       201,
       jsonb_build_object('id', o.id, 'status', 'paid', 'total_cents', o.total_cents,
                          'currency', o.currency),
       o.placed_at
FROM orders AS o
WHERE o.placed_at >= timestamptz '2026-11-01 00:00+00' AND o.customer_id <> 88213
ORDER BY o.id
LIMIT 300;

-- The guide's key: customer 88213's newest paid order was placed with it. Customer
-- 5 happens to have used the same value, which is harmless because keys are
-- scoped to the customer.
INSERT INTO idempotency_keys (customer_id, idempotency_key, request_hash, state,
                              response_status, response_body, created_at)
SELECT 88213, '8e03978e-40d5-43e8-bc93-6894a57f9324', 'sha256:4f1c9a0b7d2e3f61',
       'completed', 201,
       jsonb_build_object('id', o.id, 'status', o.status, 'total_cents', o.total_cents,
                          'currency', o.currency),
       o.placed_at
FROM orders AS o
WHERE o.customer_id = 88213 AND o.status = 'paid'
ORDER BY o.placed_at DESC, o.id DESC
LIMIT 1;

INSERT INTO idempotency_keys (customer_id, idempotency_key, request_hash, state,
                              response_status, response_body, created_at)
SELECT 5, '8e03978e-40d5-43e8-bc93-6894a57f9324', 'sha256:0a93b5e2c7d1f480',
       'completed', 201,
       jsonb_build_object('id', o.id, 'status', 'paid', 'total_cents', o.total_cents,
                          'currency', o.currency),
       o.placed_at
FROM orders AS o
WHERE o.customer_id = 5
ORDER BY o.placed_at DESC, o.id DESC
LIMIT 1;

INSERT INTO idempotency_keys (customer_id, idempotency_key, request_hash, state,
                              response_status, response_body, created_at)
VALUES
  -- Attempts that never finished: the recovery job's work. Two are old
  -- enough to be stuck; the newest is probably still running.
  (88213, '2b7f4c1e-9a0d-4e55-8c61-3f2d7e9b1a04', 'sha256:77e1d0c4b9a2f315', 'started', NULL, NULL,
   timestamptz '2026-11-30 21:40:00+00'),
  (311, 'c94e0a6b-1f3d-4b2a-9e7c-58d2a61f0b39', 'sha256:d3a85f2e10c4b977', 'started', NULL, NULL,
   timestamptz '2026-11-30 23:50:00+00'),
  (1022, '5d1a8e3f-7b64-4c09-a2e5-c0f93b7d6e18', 'sha256:9c04e7b1a6f2d853', 'started', NULL, NULL,
   timestamptz '2026-11-30 23:59:30+00');

-- A queue consumer that awards loyalty points has handled 40 messages
INSERT INTO processed_messages (consumer, message_id, processed_at)
SELECT 'loyalty-points', 'msg-' || lpad(g::text, 4, '0'),
       timestamptz '2026-11-30 12:00+00' + g * interval '1 minute'
FROM generate_series(1, 40) AS g;

-- ---------------------------------------------------------------------------
-- Statistics for the planner. With a target of 1000, ANALYZE reads every
-- row of these tables instead of a random sample, so the statistics, and
-- therefore the query plans, are the same on every load.
-- ---------------------------------------------------------------------------

SET default_statistics_target = 1000;
ANALYZE customers, products, orders, order_items, idempotency_keys, processed_messages;
RESET default_statistics_target;
