// <time.h>: the clock, the calendar and strftime, on the host's time zone (as
// the gcc-built program sees it).  A struct tm in program memory has glibc's
// layout: nine ints, then long tm_gmtoff at 40 and const char *tm_zone at 48.
#include <algorithm>
#include <cstring>
#include <ctime>
#include <string>

#include "stdlib/clib.h"
#include "vm/instance.h"

namespace dvm {

using namespace clib;

namespace {

constexpr uint64_t kTmSize = 56, kTmGmtoff = 40, kTmZone = 48;

// The nine int fields of a program's struct tm, in glibc's order.
void load_tm(Instance& vm, uint64_t addr, std::tm* tm) {
  int* fields[] = {&tm->tm_sec, &tm->tm_min, &tm->tm_hour, &tm->tm_mday, &tm->tm_mon,
                   &tm->tm_year, &tm->tm_wday, &tm->tm_yday, &tm->tm_isdst};
  for (int i = 0; i < 9; i++) *fields[i] = vm.mem.load<int32_t>(addr + 4 * static_cast<uint64_t>(i));
  tm->tm_gmtoff = vm.mem.load<int64_t>(addr + kTmGmtoff);
  tm->tm_zone = nullptr;
}

void store_tm(Instance& vm, uint64_t addr, const std::tm& tm) {
  const int fields[] = {tm.tm_sec, tm.tm_min, tm.tm_hour, tm.tm_mday, tm.tm_mon,
                        tm.tm_year, tm.tm_wday, tm.tm_yday, tm.tm_isdst};
  for (int i = 0; i < 9; i++) vm.mem.store<int32_t>(addr + 4 * static_cast<uint64_t>(i), fields[i]);
  vm.mem.store<int64_t>(addr + kTmGmtoff, tm.tm_gmtoff);
  vm.mem.store<uint64_t>(addr + kTmZone, 0);  // no zone name in program memory
}

}  // namespace

bool bi_CLOCK(Instance&, Value* r) {
  r[n_CLOCK].i = static_cast<int64_t>(std::clock());
  return true;
}

bool bi_TIME(Instance&, Value* r) {
  r[n_TIME].i = static_cast<int64_t>(std::time(nullptr));
  return true;
}

bool bi_BREAK_TIME(Instance& vm, Value* r) {
  if (!check_range(vm, r[2].u, kTmSize)) return false;
  std::time_t t = static_cast<std::time_t>(r[0].i);
  std::tm tm{};
  bool ok = r[1].i ? localtime_r(&t, &tm) != nullptr : gmtime_r(&t, &tm) != nullptr;
  if (!ok) return vm.fail(RtError::ValueRange);
  store_tm(vm, r[2].u, tm);
  return true;
}

bool bi_MKTIME(Instance& vm, Value* r) {
  if (!check_range(vm, r[0].u, kTmSize)) return false;
  std::tm tm{};
  load_tm(vm, r[0].u, &tm);
  std::time_t t = std::mktime(&tm);
  if (t != static_cast<std::time_t>(-1)) store_tm(vm, r[0].u, tm);
  r[n_MKTIME].i = static_cast<int64_t>(t);
  return true;
}

// %Z names the host's zone for the struct's daylight saving flag.
bool bi_STRFTIME(Instance& vm, Value* r) {
  uint64_t buf = r[0].u, max = r[1].u;
  const char* fmt;
  uint64_t fmt_len;
  if (!c_string(vm, r[2].u, &fmt, &fmt_len) || !check_range(vm, r[3].u, kTmSize)) return false;
  std::string format(fmt, fmt_len);
  std::tm tm{};
  load_tm(vm, r[3].u, &tm);
  tzset();
  tm.tm_zone = tzname[tm.tm_isdst > 0 ? 1 : 0];
  std::string out(static_cast<size_t>(std::min<uint64_t>(max, 1 << 20)), '\0');
  size_t n = out.empty() ? 0 : std::strftime(&out[0], out.size(), format.c_str(), &tm);
  if (n > 0 || (max > 0 && format.empty())) {
    if (!check_range(vm, buf, n + 1)) return false;
    std::memcpy(host(vm, buf), out.data(), n);
    host(vm, buf)[n] = '\0';
  }
  r[n_STRFTIME].u = n;
  return true;
}

}  // namespace dvm
