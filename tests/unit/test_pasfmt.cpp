// stdlib/pasfmt against Free Pascal itself: tests/pasfmt/cases.out and read.out were
// produced by fpc 3.2.2 (tests/pasfmt/regen.sh); every line is one case.
#include "stdlib/pasfmt.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace {

using namespace dvm::pasfmt;

std::string data_path(const std::string& name) {
    return std::string(DVM_SOURCE_DIR) + "/tests/pasfmt/" + name;
}

std::vector<std::string> read_lines(const std::string& name) {
    std::ifstream in(data_path(name), std::ios::binary);
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
}

double double_from_hex(const std::string& hex) {
    const uint64_t bits = std::stoull(hex, nullptr, 16);
    double d;
    std::memcpy(&d, &bits, sizeof d);
    return d;
}

std::string hex_of(double d) {
    uint64_t bits;
    std::memcpy(&bits, &d, sizeof bits);
    char buf[17];
    std::snprintf(buf, sizeof buf, "%016llX", static_cast<unsigned long long>(bits));
    return buf;
}

std::string unhex(const std::string& hex) {
    if (hex == "-") return "";
    std::string s;
    for (size_t i = 0; i + 1 < hex.size(); i += 2)
        s += static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16));
    return s;
}

// The text between the first '|' and the last one.
std::string quoted(const std::string& line) {
    const size_t a = line.find('|'), b = line.rfind('|');
    return line.substr(a + 1, b - a - 1);
}

// Counts cases and keeps the failures; reports the first 20 and the totals.
struct Tally {
    int cases = 0;
    std::vector<std::string> failures;

    void check(bool ok, const std::string& what) {
        cases++;
        if (!ok) failures.push_back(what);
    }

    void report(const char* kind) const {
        for (size_t i = 0; i < failures.size() && i < 20; i++)
            ADD_FAILURE() << kind << ": " << failures[i];
        std::printf("[pasfmt] %s: %d cases, %zu mismatches\n", kind, cases, failures.size());
        EXPECT_EQ(failures.size(), 0u) << kind;
    }
};

class CasesFile : public ::testing::Test {
protected:
    static void SetUpTestSuite() { lines_ = read_lines("cases.out"); }
    static std::vector<std::string> lines_;
};
std::vector<std::string> CasesFile::lines_;

TEST_F(CasesFile, IsPresent) { ASSERT_GT(lines_.size(), 10000u) << data_path("cases.out"); }

TEST_F(CasesFile, WriteAndStrOfReals) {
    Tally tally;
    for (const std::string& line : lines_) {
        if (line.rfind("R ", 0) != 0 && line.rfind("S ", 0) != 0) continue;
        std::istringstream in(line.substr(2));
        std::string bits;
        int64_t width, decimals;
        in >> bits >> width >> decimals;
        const std::string got = format_real(double_from_hex(bits), width, decimals);
        const std::string want = quoted(line);
        tally.check(got == want, bits + " :" + std::to_string(width) + ":" +
                                     std::to_string(decimals) + " want [" + want.substr(0, 80) +
                                     "] got [" + got.substr(0, 80) + "]");
    }
    tally.report("format_real");
}

TEST_F(CasesFile, WriteOfIntegers) {
    Tally tally;
    for (const std::string& line : lines_) {
        if (line.rfind("I ", 0) != 0) continue;
        std::istringstream in(line.substr(2));
        int64_t v, width;
        in >> v >> width;
        const std::string got = format_int(v, width), want = quoted(line);
        tally.check(got == want, line + " got [" + got + "]");
    }
    tally.report("format_int");
}

TEST_F(CasesFile, ValOfIntegers) {
    Tally tally;
    for (const std::string& line : lines_) {
        if (line.rfind("VI ", 0) != 0) continue;
        std::istringstream in(line.substr(3));
        std::string hex;
        int64_t code, value;
        in >> hex >> code >> value;
        const std::string s = unhex(hex);
        int64_t got_code = -1;
        const int64_t got = val_int(s, &got_code);
        int64_t parsed = 0;
        const bool ok = parse_int(s, &parsed);
        tally.check(got == value && got_code == code && ok == (code == 0) && (!ok || parsed == value),
                    line + " got " + std::to_string(got) + " code " + std::to_string(got_code));
    }
    tally.report("val_int");
}

TEST_F(CasesFile, ValOfReals) {
    Tally tally;
    for (const std::string& line : lines_) {
        if (line.rfind("VR ", 0) != 0) continue;
        std::istringstream in(line.substr(3));
        std::string hex, bits;
        int64_t code;
        int overflow;
        in >> hex >> code >> bits >> overflow;
        const std::string s = unhex(hex);
        int64_t got_code = -1;
        bool got_overflow = false;
        const double got = val_real(s, &got_code, &got_overflow);
        double parsed = 0;
        const bool ok = parse_real(s, &parsed);
        const bool want_ok = code == 0 && overflow == 0;
        tally.check(hex_of(got) == bits && got_code == code && got_overflow == (overflow != 0) &&
                        ok == want_ok && (!ok || hex_of(parsed) == bits),
                    line + " got " + hex_of(got) + " code " + std::to_string(got_code) +
                        " overflow " + std::to_string(got_overflow));
    }
    tally.report("val_real");
}

// read(i) and read(r) on tokens (read.in), as fpc's read answered (read.out).
TEST(PasfmtRead, TokensAsFpcReads) {
    const std::vector<std::string> tokens = read_lines("read.in");
    const std::vector<std::string> results = read_lines("read.out");
    ASSERT_FALSE(tokens.empty());
    ASSERT_EQ(tokens.size(), results.size());
    Tally tally;
    for (size_t i = 0; i < tokens.size(); i++) {
        std::istringstream in(results[i]);
        std::string kind, value;
        int ioresult;
        in >> kind >> ioresult >> value;
        if (kind == "I") {
            int64_t got = 0;
            const bool ok = parse_int(tokens[i], &got);
            tally.check(ok == (ioresult == 0) && (!ok || std::to_string(got) == value),
                        tokens[i] + " -> " + results[i]);
        } else {
            double got = 0;
            const bool ok = parse_real(tokens[i], &got);
            tally.check(ok == (ioresult == 0) && (!ok || hex_of(got) == value),
                        tokens[i] + " -> " + results[i]);
        }
    }
    tally.report("read");
}

// A few rules spelled out, so that a failure explains itself without the data.
TEST(PasfmtRules, Examples) {
    EXPECT_EQ(format_real(1.0, -1, -1), " 1.0000000000000000E+000");
    EXPECT_EQ(format_real(-1.0, -1, -1), "-1.0000000000000000E+000");
    EXPECT_EQ(format_real(1.5, 10, -1), " 1.50E+000");
    EXPECT_EQ(format_real(2.675, 0, 2), "2.68");        // not printf's 2.67
    EXPECT_EQ(format_real(2.5, 0, 0), "3");             // ties away from zero
    EXPECT_EQ(format_real(-0.5, 0, 0), "-1");
    EXPECT_EQ(format_real(-0.0, 0, 2), "-0.00");        // the sign of zero shows
    EXPECT_EQ(format_real(1e300, 0, 2), " 1.0E+300");   // > 255 characters: E form
    EXPECT_EQ(format_real(std::nan(""), -1, -1), "                     Nan");
    EXPECT_EQ(format_real(HUGE_VAL, 0, -1), "+Inf");
    EXPECT_EQ(format_real(1.5, 3, 65537), "1.5");       // fpc truncates to 16 bits
    EXPECT_EQ(format_int(-42, 5), "  -42");
    EXPECT_EQ(format_int(12345, 2), "12345");
    EXPECT_EQ(pad_left("TRUE", 6), "  TRUE");
    EXPECT_EQ(pad_left("abc", -3), "abc");
    int64_t code;
    EXPECT_EQ(val_int(" 12x", &code), 0);
    EXPECT_EQ(code, 4);
    EXPECT_EQ(val_int("$FF", &code), 255);
    EXPECT_EQ(code, 0);
    EXPECT_EQ(val_real("1.5e", &code), 0.0);
    EXPECT_EQ(code, 5);
    bool overflow;
    EXPECT_TRUE(std::isinf(val_real("1e309", &code, &overflow)));
    EXPECT_TRUE(overflow);
    double r;
    EXPECT_FALSE(parse_real("1e309", &r));
    EXPECT_TRUE(parse_real(".5", &r));
    EXPECT_EQ(r, 0.5);
}

}  // namespace
