// An etcd v3 client over etcd's JSON gateway (POST /v3/kv/range, /v3/kv/txn,
// /v3/lease/..., keys and values base64), through libcurl.
//
// Why the gateway: Debian packages no C++ etcd client, and gRPC would bring a
// large code generator and runtime for the handful of calls dvm makes; the
// gateway is part of every etcd server, speaks plain HTTP/1.1 and JSON, and
// each request is independent, so a restarted or unreachable etcd is just a
// failed request that the caller retries.  Every request has a deadline.
#pragma once
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace dvm::etcd {

struct KeyValue {
  std::string key, value;
  int64_t create_revision = 0, mod_revision = 0, version = 0, lease = 0;
};

// One condition of a transaction (etcd's Compare).
struct Compare {
  enum class Target { Version, Create, Mod, Value };
  enum class Result { Equal, Greater, Less, NotEqual };
  std::string key;
  std::string range_end;  // non-empty: every key in [key, range_end)
  Target target = Target::Create;
  Result result = Result::Equal;
  int64_t number = 0;     // Version, Create, Mod
  std::string value;      // Value
};

// One operation of a transaction.
struct Op {
  enum class Kind { Put, Delete, Range };
  Kind kind = Kind::Put;
  std::string key, value, range_end;
  int64_t lease = 0;
};

struct TxnResult {
  bool succeeded = false;
  int64_t revision = 0;
  std::vector<std::vector<KeyValue>> ranges;  // per Range op of the branch taken
};

// The end of the range of every key starting with prefix.
std::string prefix_end(const std::string& prefix);

class Client {
 public:
  // endpoints: comma-separated http://host:port; tried in turn.
  explicit Client(const std::string& endpoints, int timeout_ms = 2000);
  ~Client();
  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;

  bool get(const std::string& key, KeyValue* kv, bool* found, std::string* error);
  // Every key in [key, range_end) (range_end "" means the one key), sorted by key.
  bool range(const std::string& key, const std::string& range_end, std::vector<KeyValue>* out, int64_t* revision,
             std::string* error);
  bool put(const std::string& key, const std::string& value, int64_t lease, std::string* error);
  bool del(const std::string& key, const std::string& range_end, std::string* error);
  bool txn(const std::vector<Compare>& compares, const std::vector<Op>& success, const std::vector<Op>& failure,
           TxnResult* result, std::string* error);
  bool grant(int64_t ttl_s, int64_t* lease, std::string* error);
  // *ttl_left is 0 when the lease no longer exists.
  bool keepalive(int64_t lease, int64_t* ttl_left, std::string* error);
  bool revoke(int64_t lease, std::string* error);

  const std::string& endpoints() const { return endpoints_text_; }

 private:
  bool post(const std::string& path, const std::string& body, std::string* response, std::string* error);

  std::string endpoints_text_;
  std::vector<std::string> endpoints_;
  size_t current_ = 0;
  int timeout_ms_;
  std::mutex mu_;  // one request at a time per client (its curl handle)
  std::string load_error_;  // libcurl could not be loaded
  void* curl_ = nullptr;
};

}  // namespace dvm::etcd
