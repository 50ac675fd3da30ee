-- Independent reference for RFM on the UCI Online Retail data, written straight
-- from domain.md §2 (no Horetsu code involved). It is run by the test
-- tests/integration/real_data.rs over a table loaded directly from
-- ../shared/data/online-retail/online_retail.csv:
--   raw(invoice TEXT, quantity REAL, invoice_date TEXT, unit_price REAL, customer_id TEXT)
-- and its result is compared, customer by customer, with `horetsu customers`.
--
-- domain.md §2: an order is the lines with the same invoice and customer; its
-- amount is Σ quantity × unit price. An order with amount > 0 is a purchase;
-- others (the C invoices) are returns: they add to M but count for neither F nor R.
-- The analysis date is the day after the latest order. Scores: rank ascending
-- (R by negative recency), ties take the minimum rank, score = 1 + floor(5 (rank − 1) / N).
-- Segment from R and FM = floor((F + M + 1) / 2).
WITH
lines AS (
  SELECT invoice,
         CASE WHEN customer_id = '' THEN NULL
              ELSE CAST(CAST(customer_id AS REAL) AS INTEGER) END AS customer,
         substr(invoice_date, 1, 10) AS day,
         quantity * unit_price AS amount
  FROM raw
),
analysis AS (SELECT date(max(day), '+1 day') AS as_of FROM lines),
orders AS (
  SELECT invoice, customer, min(day) AS day, sum(amount) AS amount
  FROM lines WHERE customer IS NOT NULL
  GROUP BY invoice, customer
),
buyers AS (
  SELECT customer,
         CAST(julianday((SELECT as_of FROM analysis)) - julianday(max(day)) AS INTEGER) AS recency,
         count(*) AS frequency
  FROM orders WHERE amount > 0
  GROUP BY customer
),
rfm AS (
  SELECT b.customer, b.recency, b.frequency,
         (SELECT sum(o.amount) FROM orders o WHERE o.customer = b.customer) AS monetary
  FROM buyers b
),
scored AS (
  SELECT customer, recency, frequency, monetary,
         1 + (5 * (RANK() OVER (ORDER BY -recency) - 1)) / (SELECT count(*) FROM rfm) AS r,
         1 + (5 * (RANK() OVER (ORDER BY frequency) - 1)) / (SELECT count(*) FROM rfm) AS f,
         1 + (5 * (RANK() OVER (ORDER BY round(monetary, 6)) - 1)) / (SELECT count(*) FROM rfm) AS m
  FROM rfm
)
SELECT customer, recency, frequency, monetary, r, f, m,
       CASE r * 10 + (f + m + 1) / 2
         WHEN 55 THEN 'champions' WHEN 54 THEN 'champions' WHEN 45 THEN 'champions'
         WHEN 53 THEN 'loyal' WHEN 44 THEN 'loyal' WHEN 35 THEN 'loyal' WHEN 34 THEN 'loyal'
         WHEN 52 THEN 'potential_loyalist' WHEN 42 THEN 'potential_loyalist'
         WHEN 33 THEN 'potential_loyalist' WHEN 43 THEN 'potential_loyalist'
         WHEN 51 THEN 'new'
         WHEN 41 THEN 'promising' WHEN 31 THEN 'promising'
         WHEN 32 THEN 'need_attention' WHEN 23 THEN 'need_attention' WHEN 22 THEN 'need_attention'
         WHEN 21 THEN 'about_to_sleep'
         WHEN 25 THEN 'at_risk' WHEN 24 THEN 'at_risk' WHEN 13 THEN 'at_risk'
         WHEN 15 THEN 'cant_lose_them' WHEN 14 THEN 'cant_lose_them'
         WHEN 12 THEN 'hibernating'
         WHEN 11 THEN 'lost'
       END AS segment
FROM scored
ORDER BY customer;
