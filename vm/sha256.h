// SHA-256 (FIPS 180-4), for content-addressed images in etcd: a node that
// fetches an image by its hash knows it got the bytes the updater stored.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace dvm {

// The digest of data as 64 lower-case hex digits.
std::string sha256_hex(const std::vector<uint8_t>& data);

}  // namespace dvm
