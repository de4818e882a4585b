#include "vm/etcd.h"

#define CURL_DISABLE_TYPECHECK  // (the functions are called through pointers)
#include <curl/curl.h>

#include "vm/dynamic_library.h"

#include <cstring>

#include <nlohmann/json.hpp>

namespace dvm::etcd {

using json = nlohmann::json;

namespace {

// libcurl, loaded when the first client is made (vm/dynamic_library.h).
#define DVM_CURL_FUNCTIONS(X) \
  X(curl_easy_cleanup)\
  X(curl_easy_getinfo)\
  X(curl_easy_init)\
  X(curl_easy_perform)\
  X(curl_easy_reset)\
  X(curl_easy_setopt)\
  X(curl_easy_strerror)\
  X(curl_global_init)

struct CurlApi {
#define X(f) decltype(&::f) f = nullptr;
  DVM_CURL_FUNCTIONS(X)
#undef X
};
CurlApi curl_api;
std::once_flag curl_once;
std::string curl_failure;

bool load_curl(std::string* error) {
  return load_library_api(curl_once, curl_api, curl_failure, {"libcurl.so.4", "libcurl.so"},
                          [](void* h, std::string* failure) {
#define X(f) bind_symbol(h, #f, &curl_api.f, failure);
                            DVM_CURL_FUNCTIONS(X)
#undef X
                          },
                          error);
}
const CurlApi& api() { return curl_api; }

constexpr char kB64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

std::string b64(const std::string& in) {
  std::string out;
  size_t i = 0;
  for (; i + 2 < in.size(); i += 3) {
    uint32_t v = uint32_t(uint8_t(in[i])) << 16 | uint32_t(uint8_t(in[i + 1])) << 8 | uint8_t(in[i + 2]);
    out += {kB64[v >> 18], kB64[(v >> 12) & 63], kB64[(v >> 6) & 63], kB64[v & 63]};
  }
  if (i + 1 == in.size()) {
    uint32_t v = uint32_t(uint8_t(in[i])) << 16;
    out += {kB64[v >> 18], kB64[(v >> 12) & 63], '=', '='};
  } else if (i + 2 == in.size()) {
    uint32_t v = uint32_t(uint8_t(in[i])) << 16 | uint32_t(uint8_t(in[i + 1])) << 8;
    out += {kB64[v >> 18], kB64[(v >> 12) & 63], kB64[(v >> 6) & 63], '='};
  }
  return out;
}

bool unb64(const std::string& in, std::string* out) {
  out->clear();
  uint32_t acc = 0;
  int bits = 0;
  for (char c : in) {
    if (c == '=') break;
    const char* p = std::strchr(kB64, c);
    if (!p || !c) return false;
    acc = acc << 6 | static_cast<uint32_t>(p - kB64);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out->push_back(static_cast<char>((acc >> bits) & 0xff));
    }
  }
  return true;
}

// The gateway writes int64 fields as strings.
int64_t number(const json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end()) return 0;
  if (it->is_string()) return std::strtoll(it->get<std::string>().c_str(), nullptr, 10);
  if (it->is_number_integer()) return it->get<int64_t>();
  return 0;
}

bool parse_kv(const json& j, KeyValue* kv) {
  if (!j.is_object()) return false;
  if (!unb64(j.value("key", ""), &kv->key) || !unb64(j.value("value", ""), &kv->value)) return false;
  kv->create_revision = number(j, "create_revision");
  kv->mod_revision = number(j, "mod_revision");
  kv->version = number(j, "version");
  kv->lease = number(j, "lease");
  return true;
}

bool parse_kvs(const json& j, std::vector<KeyValue>* out) {
  out->clear();
  auto it = j.find("kvs");
  if (it == j.end()) return true;
  if (!it->is_array()) return false;
  for (const json& e : *it) {
    KeyValue kv;
    if (!parse_kv(e, &kv)) return false;
    out->push_back(std::move(kv));
  }
  return true;
}

size_t collect(char* p, size_t size, size_t n, void* out) {
  static_cast<std::string*>(out)->append(p, size * n);
  return size * n;
}

json op_json(const Op& op) {
  json r = {{"key", b64(op.key)}};
  switch (op.kind) {
    case Op::Kind::Put:
      r["value"] = b64(op.value);
      if (op.lease) r["lease"] = std::to_string(op.lease);
      return {{"request_put", r}};
    case Op::Kind::Delete:
      if (!op.range_end.empty()) r["range_end"] = b64(op.range_end);
      return {{"request_delete_range", r}};
    case Op::Kind::Range:
      if (!op.range_end.empty()) r["range_end"] = b64(op.range_end);
      return {{"request_range", r}};
  }
  return {};
}

json compare_json(const Compare& c) {
  static const char* kTargets[] = {"VERSION", "CREATE", "MOD", "VALUE"};
  static const char* kResults[] = {"EQUAL", "GREATER", "LESS", "NOT_EQUAL"};
  json r = {{"key", b64(c.key)},
            {"target", kTargets[static_cast<int>(c.target)]},
            {"result", kResults[static_cast<int>(c.result)]}};
  if (!c.range_end.empty()) r["range_end"] = b64(c.range_end);
  switch (c.target) {
    case Compare::Target::Version: r["version"] = std::to_string(c.number); break;
    case Compare::Target::Create: r["create_revision"] = std::to_string(c.number); break;
    case Compare::Target::Mod: r["mod_revision"] = std::to_string(c.number); break;
    case Compare::Target::Value: r["value"] = b64(c.value); break;
  }
  return r;
}

std::vector<std::string> split(const std::string& s) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= s.size()) {
    size_t comma = s.find(',', start);
    std::string part = s.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    if (!part.empty()) out.push_back(part.find("://") == std::string::npos ? "http://" + part : part);
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return out;
}

}  // namespace

std::string prefix_end(const std::string& prefix) {
  std::string end = prefix;
  while (!end.empty() && static_cast<uint8_t>(end.back()) == 0xff) end.pop_back();
  if (!end.empty()) end.back() = static_cast<char>(end.back() + 1);
  return end;
}

Client::Client(const std::string& endpoints, int timeout_ms)
    : endpoints_text_(endpoints), endpoints_(split(endpoints)), timeout_ms_(timeout_ms) {
  if (!load_curl(&load_error_)) return;
  static std::once_flag init;
  std::call_once(init, [] { api().curl_global_init(CURL_GLOBAL_DEFAULT); });
  curl_ = api().curl_easy_init();
}

Client::~Client() {
  if (curl_) api().curl_easy_cleanup(static_cast<CURL*>(curl_));
}

// One request to the current endpoint, or each other one in turn when it
// cannot be reached.  An answer that is an error from etcd is not retried.
bool Client::post(const std::string& path, const std::string& body, std::string* response, std::string* error) {
  std::lock_guard<std::mutex> lock(mu_);
  CURL* c = static_cast<CURL*>(curl_);
  if (!c || endpoints_.empty()) {
    *error = endpoints_.empty() ? "no etcd endpoint given" : !load_error_.empty() ? load_error_ : "cannot initialize libcurl";
    return false;
  }
  std::string last_error;
  for (size_t attempt = 0; attempt < endpoints_.size(); attempt++) {
    const std::string& base = endpoints_[current_];
    std::string url = base + path;
    response->clear();
    api().curl_easy_reset(c);
    api().curl_easy_setopt(c, CURLOPT_URL, url.c_str());
    api().curl_easy_setopt(c, CURLOPT_POSTFIELDS, body.c_str());
    api().curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE, static_cast<long>(body.size()));
    api().curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, collect);
    api().curl_easy_setopt(c, CURLOPT_WRITEDATA, response);
    api().curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, static_cast<long>(timeout_ms_));
    api().curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(timeout_ms_));
    api().curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    api().curl_easy_setopt(c, CURLOPT_PROXY, "");  // never through a proxy: etcd is ours
    CURLcode rc = api().curl_easy_perform(c);
    if (rc == CURLE_OK) {
      long status = 0;
      api().curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
      if (status == 200) return true;
      json j = json::parse(*response, nullptr, false);
      std::string message = j.is_object() ? j.value("message", j.value("error", *response)) : *response;
      *error = "etcd at " + base + " answered " + std::to_string(status) + ": " + message;
      return false;
    }
    last_error = "cannot reach etcd at " + base + ": " + api().curl_easy_strerror(rc);
    current_ = (current_ + 1) % endpoints_.size();
  }
  *error = last_error;
  return false;
}

bool Client::range(const std::string& key, const std::string& range_end, std::vector<KeyValue>* out,
                   int64_t* revision, std::string* error) {
  json req = {{"key", b64(key)}};
  if (!range_end.empty()) req["range_end"] = b64(range_end);
  std::string resp;
  if (!post("/v3/kv/range", req.dump(), &resp, error)) return false;
  json j = json::parse(resp, nullptr, false);
  if (!j.is_object() || !parse_kvs(j, out)) {
    *error = "etcd sent a malformed range answer";
    return false;
  }
  if (revision) *revision = j.contains("header") ? number(j["header"], "revision") : 0;
  return true;
}

bool Client::get(const std::string& key, KeyValue* kv, bool* found, std::string* error) {
  std::vector<KeyValue> kvs;
  if (!range(key, "", &kvs, nullptr, error)) return false;
  *found = !kvs.empty();
  if (*found) *kv = kvs[0];
  return true;
}

bool Client::put(const std::string& key, const std::string& value, int64_t lease, std::string* error) {
  json req = {{"key", b64(key)}, {"value", b64(value)}};
  if (lease) req["lease"] = std::to_string(lease);
  std::string resp;
  return post("/v3/kv/put", req.dump(), &resp, error);
}

bool Client::del(const std::string& key, const std::string& range_end, std::string* error) {
  json req = {{"key", b64(key)}};
  if (!range_end.empty()) req["range_end"] = b64(range_end);
  std::string resp;
  return post("/v3/kv/deleterange", req.dump(), &resp, error);
}

bool Client::txn(const std::vector<Compare>& compares, const std::vector<Op>& success, const std::vector<Op>& failure,
                 TxnResult* result, std::string* error) {
  json req = {{"compare", json::array()}, {"success", json::array()}, {"failure", json::array()}};
  for (const Compare& c : compares) req["compare"].push_back(compare_json(c));
  for (const Op& o : success) req["success"].push_back(op_json(o));
  for (const Op& o : failure) req["failure"].push_back(op_json(o));
  std::string resp;
  if (!post("/v3/kv/txn", req.dump(), &resp, error)) return false;
  json j = json::parse(resp, nullptr, false);
  if (!j.is_object()) {
    *error = "etcd sent a malformed transaction answer";
    return false;
  }
  result->succeeded = j.value("succeeded", false);
  result->revision = j.contains("header") ? number(j["header"], "revision") : 0;
  result->ranges.clear();
  if (j.contains("responses") && j["responses"].is_array()) {
    for (const json& r : j["responses"]) {
      if (!r.is_object() || !r.contains("response_range")) continue;
      std::vector<KeyValue> kvs;
      if (!parse_kvs(r["response_range"], &kvs)) {
        *error = "etcd sent a malformed range in a transaction";
        return false;
      }
      result->ranges.push_back(std::move(kvs));
    }
  }
  return true;
}

bool Client::grant(int64_t ttl_s, int64_t* lease, std::string* error) {
  std::string resp;
  if (!post("/v3/lease/grant", json({{"TTL", std::to_string(ttl_s)}}).dump(), &resp, error)) return false;
  json j = json::parse(resp, nullptr, false);
  *lease = j.is_object() ? number(j, "ID") : 0;
  if (*lease == 0) {
    *error = "etcd granted no lease";
    return false;
  }
  return true;
}

bool Client::keepalive(int64_t lease, int64_t* ttl_left, std::string* error) {
  std::string resp;
  if (!post("/v3/lease/keepalive", json({{"ID", std::to_string(lease)}}).dump(), &resp, error)) return false;
  json j = json::parse(resp, nullptr, false);
  // A stream of one message: {"result": {"ID", "TTL"}}.
  if (j.is_object() && j.contains("result")) j = j["result"];
  if (!j.is_object()) {
    *error = "etcd sent a malformed keepalive answer";
    return false;
  }
  *ttl_left = number(j, "TTL");
  return true;
}

bool Client::revoke(int64_t lease, std::string* error) {
  std::string resp;
  return post("/v3/lease/revoke", json({{"ID", std::to_string(lease)}}).dump(), &resp, error);
}

}  // namespace dvm::etcd
