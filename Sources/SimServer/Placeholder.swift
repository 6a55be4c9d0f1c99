import SimHTTP
