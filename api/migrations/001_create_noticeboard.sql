-- Users are created the first time they write; the id is the token's `sub`.
create table users (
  id text primary key,
  -- Chosen by the user with setDisplayName; wins over token_name.
  display_name text check (char_length(display_name) between 1 and 60),
  -- The name claim of the user's latest access token.
  token_name text,
  created_at timestamptz not null default now()
);

-- created_at is cut to milliseconds so that a cursor built from a JavaScript
-- Date matches the stored value exactly.
create table posts (
  id uuid primary key default gen_random_uuid(),
  author_id text not null references users (id),
  title text not null check (char_length(title) between 1 and 120),
  body text not null check (char_length(body) between 1 and 5000),
  created_at timestamptz not null default date_trunc('milliseconds', clock_timestamp()),
  updated_at timestamptz not null default date_trunc('milliseconds', clock_timestamp())
);

create index posts_newest_first on posts (created_at desc, id desc);
create index posts_by_author_newest_first on posts (author_id, created_at desc, id desc);

create table reports (
  id uuid primary key default gen_random_uuid(),
  post_id uuid not null references posts (id) on delete cascade,
  reporter_id text not null references users (id),
  reason text not null check (char_length(reason) between 1 and 500),
  created_at timestamptz not null default date_trunc('milliseconds', clock_timestamp()),
  unique (post_id, reporter_id)
);

create index reports_by_post on reports (post_id);
