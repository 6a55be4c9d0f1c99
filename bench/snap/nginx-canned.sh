# Sourced by run.sh and cost.sh: the nginx reference both compare against, written once so the two scripts
# measure against the same server. Usage: write_nginx_conf OUT PORT (writes OUT/nginx.conf).
write_nginx_conf() {
    cat > "$1/nginx.conf" <<NGINX
worker_processes auto;
pid $1/nginx.pid;
error_log $1/nginx-error.log;
events { worker_connections 8192; }
http {
    access_log off;
    keepalive_requests 1000000;
    client_body_buffer_size 64k;
    server {
        listen 127.0.0.1:$2 reuseport;
        location / {
            default_type application/json;
            return 200 '{"responseCode":"2001100","responseMessage":"Successful","accountInfos":[]}';
        }
    }
}
NGINX
}
