#!/bin/sh
# First start of the postgres container: the app's login role (not a superuser, NOINHERIT,
# CREATEROLE for tenant roles) and its database. See docs/decisions/0001.
set -e
psql -v ON_ERROR_STOP=1 --username postgres <<SQL
CREATE ROLE agora LOGIN NOINHERIT NOSUPERUSER CREATEROLE PASSWORD '${AGORA_DB_PASSWORD}';
CREATE DATABASE agora OWNER agora;
SQL
# Tenant roles must not read other tenants' statistics (ADR 0001): needs the superuser, once.
psql -v ON_ERROR_STOP=1 --username postgres --dbname agora \
  -c "set agora.login_role = 'agora'" -f /agora/restrict-statistics.sql
