// Remote call round trips to a dvm node, measured from outside it: calls in
// dvm's wire format are published over NATS to service SERVICE's procedure
// PROC(client: integer; seq: integer; item: string): integer (the test
// programs' inventory.reserve) and every reply is timed.
//   rpc_bench NATS_URL SERVICE CALLS [IN_FLIGHT [ITEM]]
// Prints the median and 99th percentile of the round trip with one call in
// flight, then calls per second with IN_FLIGHT calls outstanding, and how
// many calls failed (ITEM, default "x", is the call's string argument: the
// tests make calls fail with it).  Exits 1 only when a call gets no reply.
// SERVICE "echo" is answered by this program itself, on a connection of its
// own, without decoding anything: the floor that NATS and this client set
// for any node.  SERVICE "wake" measures no NATS at all: one
// thread waking another through an eventfd and back (two hand-offs), the
// unit the round trip is made of.
#include <poll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <atomic>
#include <functional>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "vm/nats_client.h"
#include "vm/remote_wire.h"

namespace {

using Clock = std::chrono::steady_clock;

std::vector<uint8_t> call_message(const std::string& service, uint64_t id, const std::string& item) {
  dvm::wire::CallHeader h;
  h.call_id = id;
  h.caller_node = "bench";
  h.caller_service = "bench";
  h.caller_version = 1;
  h.service = service;
  h.proc = "reserve";
  h.sig_text = "(i,i,s):i";
  h.sig_key = dvm::wire::signature_key(h.sig_text);
  h.timeout_ms = 5000;
  h.sent_at_ms = static_cast<uint64_t>(
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count());
  dvm::wire::Writer args;
  args.u64(9);
  args.u64(id);
  args.raw(item.data(), item.size());
  return dvm::wire::encode_call(h, args.bytes);
}

// Median and 99th percentile of an eventfd ping-pong between two threads.
int wake_bench(long rounds) {
  int there = eventfd(0, EFD_CLOEXEC), back = eventfd(0, EFD_CLOEXEC);
  auto await = [](int fd) {
    pollfd p{fd, POLLIN, 0};
    poll(&p, 1, -1);
    uint64_t v;
    (void)!read(fd, &v, sizeof v);
  };
  auto signal = [](int fd) {
    uint64_t one = 1;
    (void)!write(fd, &one, sizeof one);
  };
  std::thread echo([&] {
    for (long i = 0; i < rounds; i++) {
      await(there);
      signal(back);
    }
  });
  std::vector<double> us;
  for (long i = 0; i < rounds; i++) {
    auto t0 = Clock::now();
    signal(there);
    await(back);
    us.push_back(std::chrono::duration<double, std::micro>(Clock::now() - t0).count());
  }
  echo.join();
  std::sort(us.begin(), us.end());
  std::printf("thread wake-up and back (eventfd, poll): median %.1f us, p99 %.1f us (%ld rounds)\n", us[us.size() / 2],
              us[std::min(us.size() - 1, us.size() * 99 / 100)], rounds);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 4) {
    std::fprintf(stderr, "usage: rpc_bench NATS_URL SERVICE CALLS [IN_FLIGHT]\n");
    return 2;
  }
  std::string url = argv[1], service = argv[2];
  long calls = std::atol(argv[3]);
  if (service == "wake") return wake_bench(std::max(calls, 1L));
  long in_flight = argc > 4 ? std::atol(argv[4]) : 32;
  std::string item = argc > 5 ? argv[5] : "x";
  std::string error;
  // Both ends read their sockets on the thread that waits, as a dvm node does
  // (nats::Reading::Owner): a reply wakes the waiting thread itself.
  auto conn = dvm::nats::Connection::connect(url, "rpc_bench", {}, &error, dvm::nats::Reading::Owner);
  if (!conn) {
    std::fprintf(stderr, "%s\n", error.c_str());
    return 1;
  }
  std::atomic<long> answered{0}, failed{0};  // the helper thread may read a reply too
  auto sub = conn->subscribe("dvm.reply.bench.*", "", [&](dvm::nats::Message&& m) {
    dvm::wire::ReplyHeader h;
    size_t at;
    std::string e;
    bool ok = !m.no_responders && dvm::wire::decode_reply(m.data, &h, &at, &e) && h.status == dvm::wire::ReplyStatus::Ok;
    answered++;
    if (!ok) failed++;
  }, &error);
  // Reads what arrives until `done` or `deadline`; false at the deadline.
  auto await = [](dvm::nats::Connection& c, Clock::time_point deadline, const std::function<bool()>& done) {
    c.set_owner_waiting(true);
    while (!done()) {
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
      if (left < 0) break;
      pollfd p{c.poll_fd(), POLLIN, 0};
      if (poll(&p, 1, static_cast<int>(std::min<long long>(left, 10))) > 0) c.read_ready();
    }
    c.set_owner_waiting(false);
    return done();
  };
  std::unique_ptr<dvm::nats::Connection> echo_conn;
  std::unique_ptr<dvm::nats::Subscription> echo_sub;
  std::atomic<bool> echo_stop{false};
  std::thread echo_thread;
  if (service == "echo") {
    echo_conn = dvm::nats::Connection::connect(url, "rpc_bench echo", {}, &error, dvm::nats::Reading::Owner);
    dvm::nats::Connection* ec = echo_conn.get();
    if (ec)
      echo_sub = ec->subscribe("dvm.call.echo", "dvm.echo", [ec](dvm::nats::Message&& m) {
        dvm::wire::CallHeader ch;
        size_t at;
        std::string e;
        if (!dvm::wire::decode_call(m.data, &ch, &at, &e)) return;
        dvm::wire::ReplyHeader h;
        h.call_id = ch.call_id;
        h.node = "echo";
        h.service = "echo";
        h.version = 1;
        dvm::wire::Writer body;
        body.u64(ch.call_id);
        ec->publish(m.reply, "", dvm::wire::encode_reply(h, body.bytes), &e);
      }, &error);
    if (!echo_sub) {
      std::fprintf(stderr, "%s\n", error.c_str());
      return 1;
    }
    echo_thread = std::thread([&] {
      await(*ec, Clock::now() + std::chrono::hours(1), [&] { return echo_stop.load(); });
    });
    // The server takes the subscription asynchronously: the first calls
    // would otherwise meet "no responders".
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  struct StopEcho {
    std::atomic<bool>& stop;
    std::thread& t;
    ~StopEcho() {
      stop = true;
      if (t.joinable()) t.join();
    }
  } stop_echo{echo_stop, echo_thread};
  auto call = [&](uint64_t id) {
    std::string e;
    conn->publish("dvm.call." + service, "dvm.reply.bench." + std::to_string(id), call_message(service, id, item), &e);
  };
  // Round trips, one at a time.
  std::vector<double> us;
  for (long i = 0; i < calls; i++) {
    long before = answered;
    auto t0 = Clock::now();
    call(static_cast<uint64_t>(i + 1));
    if (!await(*conn, t0 + std::chrono::seconds(5), [&] { return answered > before; })) {
      std::fprintf(stderr, "no reply\n");
      return 1;
    }
    us.push_back(std::chrono::duration<double, std::micro>(Clock::now() - t0).count());
  }
  std::sort(us.begin(), us.end());
  std::printf("round trip: median %.1f us, p99 %.1f us (%ld calls)\n", us[us.size() / 2],
              us[std::min(us.size() - 1, us.size() * 99 / 100)], calls);
  // Throughput with calls outstanding.
  long sent = 0, start_answered = answered;
  auto t0 = Clock::now();
  while (sent < calls) {
    if (!await(*conn, Clock::now() + std::chrono::seconds(5), [&] { return sent - (answered - start_answered) < in_flight; }))
      break;
    call(static_cast<uint64_t>(1000000 + sent++));
  }
  await(*conn, Clock::now() + std::chrono::seconds(10), [&] { return answered - start_answered >= calls; });
  double s = std::chrono::duration<double>(Clock::now() - t0).count();
  std::printf("throughput: %.0f calls/s through one node (%ld in flight)\n",
              static_cast<double>(answered.load() - start_answered) / s, in_flight);
  std::printf("failed: %ld of %ld calls\n", failed.load(), answered.load());
  return answered - start_answered >= calls ? 0 : 1;
}
