CREATE TABLE app_orders (
    id   INTEGER      NOT NULL PRIMARY KEY,
    item VARCHAR(100) NOT NULL
);
