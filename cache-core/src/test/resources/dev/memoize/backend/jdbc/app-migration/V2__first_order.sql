INSERT INTO app_orders (id, item) VALUES (1, 'tea');
