# Shared by the catalog benchmarks (bench/catalog-bench's data, bench/scaleout-bench,
# bench/catalog-write-bench, bench/metrics-bench). Source after scripts/lib/services.sh.

# catalog_url_sets SQL_FUNCTION DIR: writes DIR/{detail,list,search,filtered}.txt, the catalog
# benchmark's four URL sets (2,000 random product details, 50 list pages, 18 searches, 60
# filtered lists), and DIR/mix.txt, all four in one file (the catalog mix). SQL_FUNCTION is a
# shell function that runs one SQL statement in the bench database and prints the rows.
catalog_url_sets() {
    local sql=$1 dir=$2
    "$sql" "SELECT '/api/products/' || id FROM products WHERE is_active ORDER BY random() LIMIT 2000" >"$dir/detail.txt"
    seq 1 50 | sed 's|^|/api/products?limit=20\&page=|' >"$dir/list.txt"
    for t in laptop wireless leather oak bluetooth usb-c steel lapt headphone charger sofa tent \
        "noise cancelling" "stainless steel" "gaming laptop" blender "yoga mat" unicorn; do
        printf '/api/products?search=%s\n' "${t// /%20}"
    done >"$dir/search.txt"
    "$sql" "SELECT '/api/products?category=' || slug || '&min_price=1000&max_price=20000&in_stock=true&sort=price_asc' FROM categories ORDER BY slug LIMIT 60" >"$dir/filtered.txt"
    cat "$dir/detail.txt" "$dir/list.txt" "$dir/search.txt" "$dir/filtered.txt" >"$dir/mix.txt"
}

# mint_tokens SECRET_B64 ROLE: reads user ids (one per line) and prints an access token for each,
# signed with the key SHOP_AUTH_SIGNING_KEYS="bench:SECRET_B64" gives the server (no sign-in,
# so the benchmark measures the route and not password hashing). Valid for two hours.
mint_tokens() {
    python3 -c '
import base64, hashlib, hmac, json, sys, time, uuid
key = base64.b64decode(sys.argv[1])
b64 = lambda b: base64.urlsafe_b64encode(b).rstrip(b"=")
header = b64(json.dumps({"alg": "HS256", "typ": "JWT", "kid": "bench"}, separators=(",", ":")).encode())
now = int(time.time())
for line in sys.stdin:
    claims = {"iss": "shop", "aud": "shop-api", "sub": line.strip(), "sid": str(uuid.uuid4()),
              "typ": "access", "jti": str(uuid.uuid4()), "iat": now, "nbf": now, "exp": now + 7200,
              "role": sys.argv[2]}
    signing = header + b"." + b64(json.dumps(claims, separators=(",", ":")).encode())
    print((signing + b"." + b64(hmac.new(key, signing, hashlib.sha256).digest())).decode())
' "$1" "$2"
}

# wait_ready URL [TRIES]: polls URL (every 0.1 s) until it answers 2xx.
wait_ready() {
    local url=$1 tries=${2:-200}
    for _ in $(seq 1 "$tries"); do
        curl -fsS "$url" >/dev/null 2>&1 && return 0
        sleep 0.1
    done
    echo "not ready: $url" >&2
    return 1
}

# median: the median of the numbers on standard input (one per line).
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
# result_field NAME FILE: the median of NAME=value over FILE's RESULT lines.
result_field() { sed "s/.* $1=\([0-9.]*\).*/\1/" "$2" | median; }
# result_total NAME FILE: the sum of NAME=value over FILE's RESULT lines.
result_total() { sed "s/.* $1=\([0-9.]*\).*/\1/" "$2" | awk '{s += $1} END {print s + 0}'; }
