#ifndef FINTRAK_CCURL_SHIM_H
#define FINTRAK_CCURL_SHIM_H
/* curl_easy_setopt and curl_easy_getinfo are variadic: one typed wrapper per argument kind. */
#include <curl/curl.h>

typedef size_t (*fintrak_curl_data_callback)(char *data, size_t size, size_t count, void *user);

static inline CURLcode fintrak_curl_set_long(CURL *curl, CURLoption option, long value) {
    return curl_easy_setopt(curl, option, value);
}
static inline CURLcode fintrak_curl_set_string(CURL *curl, CURLoption option, const char *value) {
    return curl_easy_setopt(curl, option, value);
}
static inline CURLcode fintrak_curl_set_pointer(CURL *curl, CURLoption option, void *value) {
    return curl_easy_setopt(curl, option, value);
}
static inline CURLcode fintrak_curl_set_data_callback(CURL *curl, CURLoption option, fintrak_curl_data_callback cb) {
    return curl_easy_setopt(curl, option, cb);
}
static inline CURLcode fintrak_curl_set_off(CURL *curl, CURLoption option, curl_off_t value) {
    return curl_easy_setopt(curl, option, value);
}
static inline CURLcode fintrak_curl_get_long(CURL *curl, CURLINFO info, long *value) {
    return curl_easy_getinfo(curl, info, value);
}
typedef int (*fintrak_curl_prereq_callback)(void *user, char *primary_ip, char *local_ip, int primary_port, int local_port);

static inline CURLcode fintrak_curl_set_prereq_callback(CURL *curl, fintrak_curl_prereq_callback cb) {
    return curl_easy_setopt(curl, CURLOPT_PREREQFUNCTION, cb);
}
static inline CURLcode fintrak_curl_get_string(CURL *curl, CURLINFO info, char **value) {
    return curl_easy_getinfo(curl, info, value);
}
#endif
