#!/bin/sh
# Entrypoint of the web image. At every container start it writes /config.json
# from the environment and renders the nginx configuration, then runs nginx in
# the foreground, so one image serves every environment.
#
# The browser gets AUTH0_DOMAIN or AUTH0_ISSUER, AUTH0_CLIENT_ID,
# AUTH0_AUDIENCE and API_URL. The names and the JSON shape match
# web/server/runtime-config.mjs, which the Vite dev server and the Node static
# server use.
#
# The image sets the following paths and the listen address. The tests change them.
#   NGINX_LISTEN        port or address:port (default 8080)
#   WEB_ROOT            folder of the built app (default /usr/share/noticeboard/web)
#   NGINX_RUNTIME_DIR   writable folder for config.json, the rendered
#                       configuration, the pid file and temp files (default /tmp/nginx)
#   NGINX_TEMPLATE_DIR  folder of nginx.conf.template and security-headers.conf.template
#                       (default /etc/noticeboard/nginx)
set -eu

default_api_url="http://localhost:4000/graphql"

listen="${NGINX_LISTEN:-8080}"
web_root="${WEB_ROOT:-/usr/share/noticeboard/web}"
runtime_dir="${NGINX_RUNTIME_DIR:-/tmp/nginx}"
template_dir="${NGINX_TEMPLATE_DIR:-/etc/noticeboard/nginx}"

fail() {
  printf 'noticeboard-web: %s\n' "$1" >&2
  exit 1
}

# Prints $1 without leading and trailing blanks; a blank value becomes empty.
trim() {
  printf '%s' "$1" | sed -e 's/^[[:space:]]*//' -e 's/[[:space:]]*$//'
}

# Prints $1 as a JSON string, or null when it is empty. Callers have rejected
# control characters, so only the backslash and the double quote need escaping.
json_value() {
  if [ -z "$1" ]; then
    printf 'null'
    return
  fi
  printf '"%s"' "$(printf '%s' "$1" | sed -e 's/\\/\\\\/g' -e 's/"/\\"/g')"
}

# Rejects a value with a control character (a newline, say), because it
# cannot be a domain, an id or a URL. $1 is the variable name, $2 its value.
check_no_control_characters() {
  case "$2" in
    *[[:cntrl:]]*) fail "$1 contains a control character; set it to a single-line value" ;;
  esac
}

# Prints the origin (scheme://host[:port]) of an http or https URL, lowercased
# and without a default port, or nothing when the URL is not one. Only
# host names and IPv4 addresses are recognized.
# NOTE: a host with non-ASCII letters or an IPv6 address gets no CSP entry.
# The browser then blocks calls to it, while the Node static server allows them.
origin_of() {
  printf '%s\n' "$1" \
    | tr 'A-Z' 'a-z' \
    | sed -n 's|^\(https\{0,1\}://\)\([^/?#]*\).*$|\1\2|p' \
    | sed -e 's|://.*@|://|' -e 's|^\(https://[^:]*\):443$|\1|' -e 's|^\(http://[^:]*\):80$|\1|' \
    | grep -E '^https?://[a-z0-9.-]+(:[0-9]{1,5})?$' || true
}

# Escapes a value for the replacement part of a sed s|…|…| command.
sed_replacement() {
  printf '%s' "$1" | sed -e 's/[\\|&]/\\&/g'
}

render() {
  sed \
    -e "s|@LISTEN@|$(sed_replacement "$listen")|g" \
    -e "s|@WEB_ROOT@|$(sed_replacement "$web_root")|g" \
    -e "s|@RUNTIME_DIR@|$(sed_replacement "$runtime_dir")|g" \
    -e "s|@CONTENT_SECURITY_POLICY@|$(sed_replacement "$content_security_policy")|g" \
    "$1" >"$2"
}

for name in AUTH0_DOMAIN AUTH0_ISSUER AUTH0_CLIENT_ID AUTH0_AUDIENCE API_URL; do
  eval "value=\${$name:-}"
  check_no_control_characters "$name" "$value"
done

issuer=$(trim "${AUTH0_ISSUER:-}")
domain=$(trim "${AUTH0_DOMAIN:-}")
client_id=$(trim "${AUTH0_CLIENT_ID:-}")
audience=$(trim "${AUTH0_AUDIENCE:-}")
api_url=$(trim "${API_URL:-}")
[ -n "$api_url" ] || api_url="$default_api_url"

# The Auth0 SDK takes a tenant host or an issuer URL as its domain; the URL
# goes without its trailing slash. Both set is an error, as in the API,
# because they may name different issuers.
problems=""
auth0_domain=""
if [ -n "$issuer" ] && [ -n "$domain" ]; then
  problems='{"setting":"AUTH0_DOMAIN and AUTH0_ISSUER","message":"are both set: keep only one"}'
  printf 'noticeboard-web: AUTH0_DOMAIN and AUTH0_ISSUER are both set; the app shows a configuration error until one is removed\n' >&2
elif [ -n "$issuer" ]; then
  auth0_domain=$(printf '%s' "$issuer" | sed -e 's|/*$||')
elif [ -n "$domain" ]; then
  auth0_domain="$domain"
else
  printf 'noticeboard-web: AUTH0_DOMAIN or AUTH0_ISSUER is not set; the app shows a configuration error\n' >&2
fi
[ -n "$client_id" ] || printf 'noticeboard-web: AUTH0_CLIENT_ID is not set; the app shows a configuration error\n' >&2
[ -n "$audience" ] || printf 'noticeboard-web: AUTH0_AUDIENCE is not set; the app shows a configuration error\n' >&2

# The browser calls the issuer (sign-in, token refresh) and the API, and the
# Auth0 SDK may load the issuer in a hidden iframe for silent sign-in.
external_origins=""
if [ -n "$auth0_domain" ]; then
  case "$auth0_domain" in
    http://* | https://*) issuer_url="$auth0_domain" ;;
    *) issuer_url="https://$auth0_domain" ;;
  esac
  external_origins=$(origin_of "$issuer_url")
fi
api_origin=$(origin_of "$api_url")
if [ -n "$api_origin" ] && [ "$api_origin" != "$external_origins" ]; then
  external_origins=$(printf '%s %s' "$external_origins" "$api_origin" | sed -e 's/^ //')
fi
content_security_policy="default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: https:; connect-src 'self'${external_origins:+ $external_origins}; frame-src ${external_origins:-'none'}; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"

mkdir -p "$runtime_dir"
[ -f "$web_root/index.html" ] || fail "$web_root/index.html is missing; WEB_ROOT must point at the built app"

printf '{"auth0":{"domain":%s,"clientId":%s,"audience":%s},"apiUrl":%s,"problems":[%s]}\n' \
  "$(json_value "$auth0_domain")" "$(json_value "$client_id")" "$(json_value "$audience")" \
  "$(json_value "$api_url")" "$problems" >"$runtime_dir/config.json"

render "$template_dir/nginx.conf.template" "$runtime_dir/nginx.conf"
render "$template_dir/security-headers.conf.template" "$runtime_dir/security-headers.conf"

# nginx opens its access log by path. A non-root user cannot reopen
# /dev/stdout when stdout is a pipe that root created (mode 0600), as under a
# parent process running as root, so the log goes through a FIFO that cat,
# which inherits stdout, copies there. File descriptor 3 keeps the FIFO open
# for writing in the program exec'd below, so cat ends when that program
# exits, even if nginx stops before it opens its logs.
access_log_fifo="$runtime_dir/access.log"
rm -f "$access_log_fifo"
mkfifo -m 600 "$access_log_fifo"
cat "$access_log_fifo" &
exec 3>"$access_log_fifo"

if [ "$#" -gt 0 ]; then
  exec "$@"
fi
# -e stderr: nginx opens its default error log before it reads the
# configuration, and that file is not writable by a non-root user.
exec nginx -e stderr -c "$runtime_dir/nginx.conf" -g 'daemon off;'
