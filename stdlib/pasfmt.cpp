// Pascal text formatting and number parsing as Free Pascal 3.2.2 (x86-64) does it.
//
// fpc converts reals with the "Grisu1" code of rtl/inc/flt_core.inc, compiled for
// ValReal = extended: a Double is widened to extended (exactly), its digits are
// generated with 96-bit "do-it-yourself" floating point and approximate cached
// powers of ten, cut to 17 significant digits (ties to even), and only then
// rounded to what the format asks for (ties away from zero, plus a deliberate
// round-up of ...4999..9x tails).  So 2.675 (really 2.67499999999999982..) prints
// as 2.68 with :0:2, and no printf format reproduces fpc in general: this file is
// a faithful port of the parts fpc runs on x86-64, checked against fpc's own output
// (tests/pasfmt):
//   - str_real for real_type RT_S64REAL (17 significant digits, 3 exponent digits),
//   - val_real (text -> extended) followed by the extended -> double store,
//   - fpc_Val_SInt_ShortStr for an int64 destination.
// Names follow the fpc routines so the two can be compared side by side.
#include "stdlib/pasfmt.h"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace dvm::pasfmt {
namespace {

// ---------------------------------------------------------------------------
// 96-bit "do-it-yourself" floating point: value = (fh:f) * 2^e.
struct Diy {
    uint64_t f;
    uint32_t fh;
    int e;
};

struct Pow10 {
    Diy c;
    int e10;
};

uint32_t lo32(uint64_t x) { return static_cast<uint32_t>(x); }
uint32_t hi32(uint64_t x) { return static_cast<uint32_t>(x >> 32); }

// Index of the highest set bit (fpc's BSRqword); x != 0.
int bsr64(uint64_t x) { return 63 - __builtin_clzll(x); }

// diy_util_add: (xh:xl) += (yh:yl), 96 bits, wrapping.
void util_add(uint32_t& xh, uint64_t& xl, uint32_t yh, uint64_t yl) {
    uint64_t temp = xl + yl;
    xh = xh + yh + (temp < xl ? 1 : 0);
    xl = temp;
}

// diy_util_shl: (h:l) <<= count, 96 bits.
void util_shl(uint32_t& h, uint64_t& l, int count) {
    if (count == 0) return;
    if (count == 1) {
        util_add(h, l, h, l);
        return;
    }
    if (count >= 64) {
        h = count > 64 ? lo32(l << (count - 64)) : lo32(l);
        l = 0;
        return;
    }
    if (count == 32)
        h = hi32(l);
    else if (count < 32)
        h = (h << count) + (hi32(l) >> (32 - count));
    else
        h = lo32(l >> (64 - count));
    l = l << count;
}

// diy_util_shr: (h:l) >>= count, 96 bits.
void util_shr(uint32_t& h, uint64_t& l, int count) {
    if (count == 0) return;
    if (count == 1) {
        l = l >> 1;
        if (h & 1) l |= 0x8000000000000000ULL;
        h = h >> 1;
        return;
    }
    if (count < 64) {
        l = (static_cast<uint64_t>(h) << ((-count) & 63)) | (l >> count);
        h = count >= 32 ? 0 : h >> count;
        return;
    }
    l = count < 96 ? (h >> (count & 63)) : 0;
    h = 0;
}

// diy_fp_multiply: 96x96 -> upper 96 bits, "half is rounded up".
Diy multiply(const Diy& x, const Diy& y, bool normalize) {
    uint64_t a = x.fh, b = hi32(x.f), c = lo32(x.f);
    uint64_t u = y.fh, v = hi32(y.f), w = lo32(y.f);
    uint64_t au = a * u, bu = b * u, cu = c * u;
    uint64_t av = a * v, bv = b * v, cv = c * v;
    uint64_t aw = a * w, bw = b * w, cw = c * w;
    uint64_t t1 = (cw >> 32) + lo32(bw) + lo32(cv);
    t1 = 0x80000000ULL + hi32(t1) + hi32(bw) + hi32(cv) + lo32(aw) + lo32(bv) + lo32(cu);
    t1 = (t1 >> 32) + hi32(aw) + hi32(bv) + hi32(cu) + lo32(av) + lo32(bu);
    uint64_t t2 = au + hi32(av) + hi32(bu) + hi32(t1);
    Diy r{(t2 << 32) + lo32(t1), hi32(t2), x.e + y.e + 96};
    if (normalize && (r.fh & 0x80000000U) == 0) {
        util_add(r.fh, r.f, r.fh, r.f);
        r.e--;
    }
    return r;
}

// fpc's tables for VALREAL_80 (alpha = -93, gamma = +30; step 1E+37, sparse 1/16).
constexpr Pow10 kBase[] = {
    {{0x07286FAA1AF5AF66ULL, 0xD1476E2CU, -1079}, -296},
    {{0x99107C22CB550FB4ULL, 0xC4CE17B3U, -956}, -259},
    {{0x99F6858428E2557BULL, 0xB9131798U, -833}, -222},
    {{0x4738705E9624AB51ULL, 0xAE0B158BU, -710}, -185},
    {{0x0D5FDAF5C13E60D1ULL, 0xA3AB6658U, -587}, -148},
    {{0x163FA42E504BCED2ULL, 0x99EA0196U, -464}, -111},
    {{0x483BB9B9B1C6F22BULL, 0x90BD77F3U, -341}, -74},
    {{0x545C75757E50D641ULL, 0x881CEA14U, -218}, -37},
    {{0x0000000000000000ULL, 0x80000000U, -95}, 0},
    {{0xBB48DB201E86D400ULL, 0xF0BDC21AU, 27}, 37},
    {{0x4DCDAB14C696963CULL, 0xE264589AU, 150}, 74},
    {{0xC1D1EA966C9E18ACULL, 0xD4E5E2CDU, 273}, 111},
    {{0xC8965D3D6F928295ULL, 0xC83553C5U, 396}, 148},
    {{0x96706114873D5D9FULL, 0xBC4665B5U, 519}, 185},
    {{0x56105DAD7425A83FULL, 0xB10D8E14U, 642}, 222},
    {{0xB84603568A892ABBULL, 0xA67FF273U, 765}, 259},
};
constexpr Pow10 kFactorPlus[] = {
    {{0x3576D3D149738BA0ULL, 0xBF87DECCU, 1871}, 592},
    {{0x750E83050A40DE03ULL, 0x8F4C0691U, 3838}, 1184},
    {{0x727E5D9756BC4BF8ULL, 0xD66B8D68U, 5804}, 1776},
    {{0xCE9DB63FD51AF6A3ULL, 0xA06C0BD4U, 7771}, 2368},
    {{0x5A7ADBC5B8787D89ULL, 0xF00B82D7U, 9737}, 2960},
    {{0x22D732D7AE7EDAA7ULL, 0xB397FD9AU, 11704}, 3552},
    {{0xCCD2839E0367500BULL, 0x865DB7A9U, 13671}, 4144},
    {{0xFCBEE713F3BE171AULL, 0xC90E78C7U, 15637}, 4736},
};
constexpr Pow10 kFactorMinus[] = {
    {{0x2F85DC7AE66FEACFULL, 0xAB15B5D2U, -2062}, -592},
    {{0x4237088F4C7284FAULL, 0xE4AC057CU, -4029}, -1184},
    {{0xD2DCB34CEC42875CULL, 0x98D24C2FU, -5995}, -1776},
    {{0xB50918191D8106CDULL, 0xCC42DD5CU, -7962}, -2368},
    {{0x10CF24303CA163B8ULL, 0x8881FC6CU, -9928}, -2960},
    {{0xBF10EA474FE1E9B1ULL, 0xB674CE73U, -11895}, -3552},
    {{0x478E074A0E85FC7FULL, 0xF3DEFE25U, -13862}, -4144},
    {{0xA3BD093CC62364C2ULL, 0xA2FAA242U, -15828}, -4736},
};
constexpr Pow10 kValFactor[] = {
    {{0x0000000000000000ULL, 0x80000000U, -95}, 0},
    {{0xCCCCCCCCCCCCCCCDULL, 0xCCCCCCCCU, -99}, -1},
    {{0x70A3D70A3D70A3D7ULL, 0xA3D70A3DU, -102}, -2},
    {{0x8D4FDF3B645A1CACULL, 0x83126E97U, -105}, -3},
    {{0xE219652BD3C36113ULL, 0xD1B71758U, -109}, -4},
    {{0x1B4784230FCF80DCULL, 0xA7C5AC47U, -112}, -5},
    {{0xAF6C69B5A63F9A4AULL, 0x8637BD05U, -115}, -6},
    {{0xE57A42BC3D329076ULL, 0xD6BF94D5U, -119}, -7},
    {{0x8461CEFCFDC20D2BULL, 0xABCC7711U, -122}, -8},
    {{0x36B4A59731680A89ULL, 0x89705F41U, -125}, -9},
    {{0xBDEDD5BEB573440EULL, 0xDBE6FECEU, -129}, -10},
    {{0xCB24AAFEF78F69A5ULL, 0xAFEBFF0BU, -132}, -11},
    {{0x6F5088CBF93F87B7ULL, 0x8CBCCC09U, -135}, -12},
    {{0x4BB40E132865A5F2ULL, 0xE12E1342U, -139}, -13},
    {{0x095CD80F538484C2ULL, 0xB424DC35U, -142}, -14},
    {{0x3AB0ACD90F9D3701ULL, 0x901D7CF7U, -145}, -15},
    {{0xC44DE15B4C2EBE68ULL, 0xE69594BEU, -149}, -16},
    {{0x36A4B44909BEFEBAULL, 0xB877AA32U, -152}, -17},
    {{0x921D5D073AFF322EULL, 0x9392EE8EU, -155}, -18},
    {{0xB69561A52B31E9E4ULL, 0xEC1E4A7DU, -159}, -19},
    {{0x92111AEA88F4BB1DULL, 0xBCE50864U, -162}, -20},
    {{0x74DA7BEED3F6FC17ULL, 0x971DA050U, -165}, -21},
    {{0xBAF72CB15324C68BULL, 0xF1C90080U, -169}, -22},
    {{0x95928A2775B7053CULL, 0xC16D9A00U, -172}, -23},
    {{0x44753B52C4926A96ULL, 0x9ABE14CDU, -175}, -24},
    {{0xD3EEC5513A83DDBEULL, 0xF79687AEU, -179}, -25},
    {{0x76589DDA95364AFEULL, 0xC6120625U, -182}, -26},
    {{0x91E07E48775EA265ULL, 0x9E74D1B7U, -185}, -27},
    {{0x8300CA0D8BCA9D6EULL, 0xFD87B5F2U, -189}, -28},
    {{0x359A3B3E096EE458ULL, 0xCAD2F7F5U, -192}, -29},
    {{0x5E14FC31A125837AULL, 0xA2425FF7U, -195}, -30},
    {{0x4B43FCF480EACF95ULL, 0x81CEB32CU, -198}, -31},
    {{0x453994BA67DE18EEULL, 0xCFB11EADU, -202}, -32},
    {{0xD0FADD61ECB1AD8BULL, 0xA6274BBDU, -205}, -33},
    {{0xDA624AB4BD5AF13CULL, 0x84EC3C97U, -208}, -34},
    {{0xC3D07787955E4EC6ULL, 0xD4AD2DBFU, -212}, -35},
    {{0x697392D2DDE50BD2ULL, 0xAA242499U, -215}, -36},
};
constexpr int8_t kCorrector[] = {
     0,  0,  0,  1,  0,  0,  1,  1,  0,  0,  1,  1, -1,  1,  0,  0,
     0,  1,  0,  0,  0,  0,  0,  1,  0,  0,  0,  0,  0,  0,  0,  0,
     0,  0,  0,  0,  0,  0,  1,  2,  2,  0,  1,  1,  0,  0, -2,  0,
     2,  0,  1,  1,  1,  1,  1,  2,  0,  0,  2,  1,  0,  1,  0,  0,
     0,  0,  1, -1,  0,  0,  1,  1,  0,  0,  1,  0, -1,  0, -1,  0,
     0,  0,  1,  0,  0,  0,  1,  0,  0,  0,  1,  1, -1,  0, -1,  1,
     0,  0,  0,  0,  0,  0,  0,  1,  0,  0,  0,  0,  0,  0, -1,  0,
    -1,  0,  0, -1,  0, -1,  1,  1,  0, -1,  0,  0, -1, -1, -1,  0,
     0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,
    -1,  0,  0,  0,  0, -1,  0, -1,  0,  0,  0,  0,  0,  0,  0,  0,
     2,  2,  1,  1,  0,  0,  0,  2,  0,  0,  1,  1,  0,  0,  1,  1,
     0,  0,  1,  0,  0,  0,  1,  2,  0,  0,  1,  0,  0,  0, -1,  0,
     0,  0,  2,  0,  0,  0,  1,  1,  0,  0,  0,  1, -1,  1,  0,  1,
     0,  0,  0, -1,  0,  0,  0,  1,  0,  0,  1,  0,  0,  0,  0,  0,
     0,  0,  1,  1, -1,  0,  0,  2,  0,  0,  1,  1,  0,  1,  1,  1,
    -1, -1,  1, -2,  0,  0,  0, -1,  1, -1,  1, -1, -1, -1,  0,  0,
     1,  1,  0,  0,  0,  0,  1,  1,  0,  0,  1,  0,  0,  0,  0,  0,
};

constexpr int kPwr10Delta = 37;
constexpr int kPwr10Count = 272;

// diy_fp_cached_power10: an approximation of 10^k with k >= exp10 (the smallest
// cached one), built from a sparse table, a multiplication and a correction.
Pow10 cached_power10(int exp10) {
    const int min10 = kBase[0].e10 + kFactorMinus[7].e10;
    int i = 0;
    if (exp10 > min10) {
        i = (exp10 - min10) / kPwr10Delta;
        if (i * kPwr10Delta + min10 != exp10) i++;
        if (i > kPwr10Count - 1) i = kPwr10Count - 1;
    }
    const int nbase = static_cast<int>(sizeof kBase / sizeof kBase[0]);
    const int inod = i % nbase;
    int xmul = i / nbase - 8;
    if (xmul == 0) return kBase[inod];
    const Pow10& a = kBase[inod];
    const Pow10& m = xmul > 0 ? kFactorPlus[xmul - 1] : kFactorMinus[-(xmul + 1)];
    Pow10 factor;
    factor.e10 = a.e10 + m.e10;
    if (a.e10 == 0) {
        factor.c = m.c;  // exact
        return factor;
    }
    factor.c = multiply(a.c, m.c, true);
    const int cx = kCorrector[i];
    if (cx != 0) {
        const uint32_t ch = cx < 0 ? 0xFFFFFFFFU : 0;
        util_add(factor.c.fh, factor.c.f, ch, static_cast<uint64_t>(static_cast<int64_t>(cx)));
    }
    return factor;
}

// ===========================================================================
// Float -> ASCII (str_real)

constexpr int kMaxWidth = 255;        // results are shortstrings
constexpr int kNoMinWidth = -32767;   // what the compiler passes for "no width"
constexpr int kDigitsReq = 17;        // RT_S64REAL: mantissa digits
constexpr int kDigitsExp = 3;         // RT_S64REAL: exponent digits
constexpr int kDigitsNeed = 17;       // min(RT_S80REAL's 21, kDigitsReq)
constexpr int kGrisuAlpha = -93;
constexpr int kGrisuGamma = 30;

using Digits = uint8_t[40];  // TAsciiDigits

// gen_digits_32: decimal digits of x at buf[pos..]; returns how many.
int gen_digits_32(Digits& buf, int pos, uint32_t x, bool pad_9zero = false) {
    static const uint32_t kPow[10] = {0,      10,      100,      1000,      10000,
                                      100000, 1000000, 10000000, 100000000, 1000000000};
    int n = 0;
    if (x != 0) {
        n = ((bsr64(x) + 1) * 1233) >> 12;
        if (x >= kPow[n]) n++;
    }
    if (pad_9zero && n < 9) n = 9;
    const int count = n;
    uint32_t m = x;
    while (n > 0) {
        n--;
        if (m != 0) {
            uint32_t z = m / 10;
            buf[pos + n] = static_cast<uint8_t>(m - z * 10);
            m = z;
        } else {
            buf[pos + n] = 0;
        }
    }
    return count;
}

// gen_digits_64: as gen_digits_32, for 64 bits (split into 9-digit groups).
int gen_digits_64(Digits& buf, int pos, uint64_t x, bool pad_19zero = false) {
    uint32_t splith = 0, splitm = 0, splitl;
    if (x < 1000000000) {
        splitl = lo32(x);
    } else {
        uint64_t temp = x / 1000000000;
        splitl = lo32(x - temp * 1000000000);
        if (temp < 1000000000) {
            splitm = lo32(temp);
        } else {
            splith = lo32(temp / 1000000000);
            splitm = lo32(temp) - splith * 1000000000;
        }
    }
    int n = gen_digits_32(buf, pos, splith, false);
    if (pad_19zero && n == 0) {
        buf[pos] = 0;  // at most 18 digits follow, so add one more
        n = 1;
    }
    n += gen_digits_32(buf, pos + n, splitm, n != 0);
    n += gen_digits_32(buf, pos + n, splitl, n != 0);
    return n;
}

// round_digits: rounds buf to n_max digits; returns the decimal point correction
// (1 when 99.. overflowed into 1).  fpc rounds ties to even when reducing Grisu's
// output to 17 digits, but half away from zero ("roundTiesToAway", BP7/Delphi
// tradition) for the digits the user asked for, and then also rounds up ...4999..9x
// runs (GRISU1_F2A_AGRESSIVE_ROUNDUP): that is why 2.675:0:2 gives 2.68.
int round_digits(Digits& buf, int& n_current, int n_max, bool half_round_to_even = true) {
    int n = n_current;
    n_current = n_max;
    uint8_t dig_round = buf[n_max];
    if (!half_round_to_even && dig_round == 4 && n_max < n - 3 && buf[n - 2] >= 8) {
        int i = n - 2;
        do {
            i--;
        } while (i != n_max && buf[i] == 9);
        if (i == n_max) dig_round = 9;  // only 9s in between: force round-up
    }
    if (dig_round < 5) return 0;
    if (dig_round == 5 && half_round_to_even && (n_max == 0 || (buf[n_max - 1] & 1) == 0)) {
        uint8_t dig_sticky = 0;
        while (n > n_max + 1 && dig_sticky == 0) {
            n--;
            dig_sticky = buf[n];
        }
        if (dig_sticky == 0) return 0;  // exactly a half, already even
    }
    while (n_max > 0) {
        n_max--;
        buf[n_max]++;
        if (buf[n_max] < 10) {
            n_current = n_max + 1;
            return 0;
        }
    }
    buf[0] = 1;
    n_current = 1;
    return 1;
}

int spaces_for(int min_width, int len) {
    int n_spaces = min_width - len;
    if (n_spaces > kMaxWidth - len) n_spaces = kMaxWidth - len;
    return n_spaces > 0 ? n_spaces : 0;
}

// try_return_fixed: fixed-point text, or false when it would not fit in a
// shortstring (255 characters); fpc then falls back to the exponential form.
bool try_return_fixed(std::string& str, bool minus, const Digits& digits, int n_digits_have,
                      int fixed_dot_pos, int min_width, int frac_digits) {
    Digits temp_round;
    const uint8_t* src = digits;
    const int cut_digits_at = fixed_dot_pos + frac_digits;
    if (cut_digits_at < 0) {
        n_digits_have = 0;  // zero
    } else if (cut_digits_at < n_digits_have) {
        std::memcpy(temp_round, digits, sizeof temp_round);
        fixed_dot_pos += round_digits(temp_round, n_digits_have, cut_digits_at, false);
        src = temp_round;
    }
    int n_before_dot, n_before_dot_pad0;
    if (fixed_dot_pos <= 0 || n_digits_have == 0) {
        n_before_dot = 0;
        n_before_dot_pad0 = 1;
    } else if (fixed_dot_pos > n_digits_have) {
        n_before_dot = n_digits_have;
        n_before_dot_pad0 = fixed_dot_pos - n_digits_have;
    } else {
        n_before_dot = fixed_dot_pos;
        n_before_dot_pad0 = 0;
    }
    int n_after_dot_pad0 = fixed_dot_pos < 0 ? -fixed_dot_pos : 0;
    if (n_after_dot_pad0 > frac_digits) n_after_dot_pad0 = frac_digits;
    const int n_after_dot = n_digits_have - n_before_dot;
    const int n_tail_pad0 = frac_digits - n_after_dot - n_after_dot_pad0;

    int len = (minus ? 1 : 0) + n_before_dot + n_before_dot_pad0;
    if (frac_digits > 0) len += n_after_dot_pad0 + n_after_dot + n_tail_pad0 + 1;
    if (len > kMaxWidth) return false;

    str.assign(static_cast<size_t>(spaces_for(min_width, len)), ' ');
    if (minus) str += '-';
    int j = 0;
    for (; j < n_before_dot; j++) str += static_cast<char>('0' + src[j]);
    str.append(static_cast<size_t>(n_before_dot_pad0), '0');
    if (frac_digits != 0) {
        str += '.';
        str.append(static_cast<size_t>(n_after_dot_pad0), '0');
        for (int k = 0; k < n_after_dot; k++) str += static_cast<char>('0' + src[j + k]);
        if (n_tail_pad0 > 0) str.append(static_cast<size_t>(n_tail_pad0), '0');
    }
    return true;
}

// return_exponential: " d.dddE+xxx"; positive numbers get a blank for the sign.
std::string return_exponential(bool minus, const Digits& digits, int n_digits_have,
                               int n_digits_req, int d_exp, int n_digits_exp, int min_width) {
    const bool e_minus = d_exp < 0;
    if (e_minus) d_exp = -d_exp;
    Digits buf_exp;
    const int n_exp = gen_digits_32(buf_exp, 0, static_cast<uint32_t>(d_exp), false);
    int len = n_exp <= n_digits_exp ? n_digits_exp : n_exp;
    len += 1 + n_digits_req + 1 + 1;
    if (n_digits_req > 1) len++;  // dot

    std::string str(static_cast<size_t>(spaces_for(min_width, len)), ' ');
    str += minus ? '-' : ' ';
    str += n_digits_have > 0 ? static_cast<char>('0' + digits[0]) : '0';
    if (n_digits_req > 1) str += '.';
    int j = 1;
    for (; j < n_digits_have && j < n_digits_req; j++) str += static_cast<char>('0' + digits[j]);
    if (n_digits_req - j > 0) str.append(static_cast<size_t>(n_digits_req - j), '0');
    str += 'E';
    str += e_minus ? '-' : '+';
    if (n_digits_exp - n_exp > 0) str.append(static_cast<size_t>(n_digits_exp - n_exp), '0');
    for (int k = 0; k < n_exp; k++) str += static_cast<char>('0' + buf_exp[k]);
    return str;
}

// return_special: "Nan", "+Inf", "-Inf" right-aligned.
std::string return_special(int sign, const char* spec, int min_width) {
    std::string body = sign == 0 ? spec : std::string(sign > 0 ? "+" : "-") + spec;
    const int len = static_cast<int>(body.size());
    return std::string(static_cast<size_t>(spaces_for(min_width, len)), ' ') + body;
}

// u128_div_u64_to_u64: (xh:xl) / y with xh < y (the quotient fits in 64 bits);
// Knuth's algorithm D on 32-bit digits, as in fpc.
void u128_div(uint64_t xh, uint64_t xl, uint64_t y, uint64_t& quotient, uint64_t& remainder) {
    const uint64_t b = 1ULL << 32;
    const int s = 63 - bsr64(y);
    const uint64_t v = y << s;
    const uint64_t vn1 = hi32(v), vn0 = lo32(v);
    uint64_t un64 = xh << s;
    if (s > 0) un64 |= xl >> (64 - s);
    const uint64_t un10 = xl << s;
    const uint64_t un1 = hi32(un10), un0 = lo32(un10);
    uint64_t q1 = un64 / vn1;
    uint64_t rhat = un64 - q1 * vn1;
    while (q1 >= b || q1 * vn0 > b * rhat + un1) {
        q1--;
        rhat += vn1;
        if (rhat >= b) break;
    }
    const uint64_t un21 = un64 * b + un1 - q1 * v;
    uint64_t q0 = un21 / vn1;
    rhat = un21 - q0 * vn1;
    while (q0 >= b || q0 * vn0 > b * rhat + un0) {
        q0--;
        rhat += vn1;
        if (rhat >= b) break;
    }
    remainder = (un21 * b + un0 - q0 * v) >> s;
    quotient = q1 * b + q0;
}

// make_frac_mask: (h:l) = 2^(-one_e) - 1.
void make_frac_mask(uint32_t& h, uint64_t& l, int one_e) {
    if (one_e <= -64) {
        l = ~0ULL;
        h = (1U << (-one_e - 64)) - 1;
    } else {
        l = (1ULL << (-one_e)) - 1;
        h = 0;
    }
}

// k_comp: ceiling((alpha - e) * log10(2)), computed in double as fpc's
// hard-float version does.
int k_comp(int e, int alpha) {
    const int x = alpha - e;
    const double dexp = x * 0.301029995663981195213738894724493027;
    int n = static_cast<int>(dexp);
    if (x > 0 && dexp != n) n++;
    return n;
}

// The extended (80-bit) image of a double: sign, biased exponent, 64-bit
// mantissa with explicit integer bit.  Doubles' subnormals are normal here.
struct Extended {
    bool minus;
    int e;
    uint64_t f;
};

Extended widen(double v) {
    uint64_t bits;
    std::memcpy(&bits, &v, sizeof bits);
    Extended x{(bits >> 63) != 0, 0, 0};
    const int exp = static_cast<int>((bits >> 52) & 0x7FF);
    const uint64_t frac = bits & 0xFFFFFFFFFFFFFULL;
    if (exp == 0x7FF) {
        x.e = 0x7FFF;
        x.f = frac == 0 ? 0x8000000000000000ULL : (0xC000000000000000ULL | (frac << 11));
    } else if (exp != 0) {
        x.e = exp - 1023 + 16383;
        x.f = 0x8000000000000000ULL | (frac << 11);
    } else if (frac != 0) {
        const int s = 63 - bsr64(frac);
        x.e = 16383 - 1074 + 63 - s;
        x.f = frac << s;
    }
    return x;
}

// The fractional digits of Grisu's scaled value d (d.e < 0), appended to buf
// from position n until kDigitsNeed + 1 digits exist; sets sticky to nonzero when
// something remains.  fpc works with 96, then 64, then 32 bits as the fraction
// shrinks.
int fraction_digits(const Diy& d, Digits& buf, int n, uint32_t& sticky) {
    int one_e = d.e;
    uint32_t one_maskh;
    uint64_t one_maskl;
    make_frac_mask(one_maskh, one_maskl, d.e);
    uint64_t fl = d.f & one_maskl;
    uint32_t fh = d.fh & one_maskh;
    while (one_e < -61 && n < kDigitsNeed + 1 && (fl | fh) != 0) {
        uint64_t templ = fl;
        uint32_t temph = fh;
        util_shl(fh, fl, 2);  // f *= 5
        util_add(fh, fl, temph, templ);
        util_shr(one_maskh, one_maskl, 1);  // one /= 2
        one_e++;
        templ = fl;
        temph = fh;
        util_shr(temph, templ, -one_e);  // div one
        buf[n++] = static_cast<uint8_t>(templ);
        fl &= one_maskl;  // mod one
        fh &= one_maskh;
    }
    if (n >= kDigitsNeed + 1) {
        sticky = (fl | fh) != 0;
        return n;
    }
    while (one_e < -29 && n < kDigitsNeed + 1 && fl != 0) {
        fl += fl << 2;
        one_maskl >>= 1;
        one_e++;
        buf[n++] = static_cast<uint8_t>(fl >> (-one_e));
        fl &= one_maskl;
    }
    if (n >= kDigitsNeed + 1) {
        sticky = fl != 0;
        return n;
    }
    uint32_t one_mask = lo32(one_maskl);
    uint32_t f = lo32(fl);
    while (n < kDigitsNeed + 1 && f != 0) {
        f += f << 2;
        one_mask >>= 1;
        one_e++;
        buf[n++] = static_cast<uint8_t>(f >> (-one_e));
        f &= one_mask;
    }
    sticky = f;
    return n;
}

// Grisu1 digit generation for a nonzero finite value: fills buf with up to
// kDigitsNeed (+ round + sticky) digits; returns the count, sets the decimal
// point position and the power of ten that was factored out.
int generate_digits(const Extended& x, Digits& buf, int& dot_pos, int& e10) {
    Diy w{x.f, 0, x.e};
    util_shl(w.fh, w.f, 32);  // normalize to 96 bits
    w.e -= 16383 + 32 + 63;

    Diy d = w;
    e10 = 0;
    if (!(kGrisuAlpha <= w.e && w.e <= kGrisuGamma)) {
        const Pow10 c_mk = cached_power10(k_comp(w.e, kGrisuAlpha));
        e10 = c_mk.e10;
        if (c_mk.e10 != 0) d = multiply(w, c_mk.c, false);
    }

    // Integer part
    uint64_t fl = d.f, templ;
    uint32_t fh = d.fh;
    if (d.e > 0) {
        templ = (static_cast<uint64_t>(fh) << d.e) & 0xFFFFFFFF00000000ULL;
        util_shl(fh, fl, d.e);
        templ += fh;
    } else {
        util_shr(fh, fl, -d.e);
        templ = fh;
    }
    int n;
    if (templ == 0) {
        n = gen_digits_64(buf, 0, fl);
    } else {
        u128_div(templ, fl, 10000000000000000000ULL, templ, fl);
        n = gen_digits_64(buf, 0, templ);
        n += gen_digits_64(buf, n, fl, n > 0);
    }
    dot_pos = n;

    // Fractional part
    uint32_t f = 0;  // "sticky" digit
    if (d.e < 0) n = fraction_digits(d, buf, n, f);
    if (f != 0 && n >= kDigitsNeed + 1) {
        n = kDigitsNeed + 2;
        buf[kDigitsNeed + 1] = 1;
    }
    if (n > kDigitsNeed) dot_pos += round_digits(buf, n, kDigitsNeed);
    return n;
}

// str_real: fpc's float -> text for a Double; min_width and frac_digits are
// already what fpc's str_real sees (16-bit, kNoMinWidth / -1 for "none").
std::string str_real(int min_width, int frac_digits, double v) {
    if (frac_digits > 216) frac_digits = 216;  // Delphi compatible
    if (min_width <= kNoMinWidth)
        min_width = -1;
    else if (min_width < 0)
        min_width = 0;
    else if (min_width > kMaxWidth)
        min_width = kMaxWidth;

    // Digits of the exponential form: 17 without a width, else what fits
    // (sign, dot, "E", exponent sign and 3 exponent digits take 7), at least 2.
    int n_digits_sci = kDigitsReq;
    if (min_width >= 0) {
        n_digits_sci = min_width - 7;
        if (n_digits_sci < 2) n_digits_sci = 2;
        if (n_digits_sci > kDigitsReq) n_digits_sci = kDigitsReq;
    }

    const Extended x = widen(v);
    Digits buf = {};
    std::string fixed;
    if (x.e == 0 && x.f == 0) {  // zero, keeps its sign ("-0.00")
        if (frac_digits >= 0 && try_return_fixed(fixed, x.minus, buf, 0, 1, min_width, frac_digits))
            return fixed;
        return return_exponential(x.minus, buf, 0, n_digits_sci, 0, kDigitsExp, min_width);
    }
    if (x.e == 0x7FFF) {
        if (min_width < 0) min_width = kDigitsReq + kDigitsExp + 4;  // "backward compat.."
        if (x.f == 0x8000000000000000ULL) return return_special(x.minus ? -1 : 1, "Inf", min_width);
        return return_special(0, "Nan", min_width);  // NaN's sign is not printed
    }
    int dot_pos = 0, e10 = 0;
    int n = generate_digits(x, buf, dot_pos, e10);
    if (frac_digits >= 0 &&
        try_return_fixed(fixed, x.minus, buf, n, dot_pos - e10, min_width, frac_digits))
        return fixed;
    if (n > n_digits_sci) dot_pos += round_digits(buf, n, n_digits_sci, false);
    return return_exponential(x.minus, buf, n, n_digits_sci, dot_pos - e10 - 1, kDigitsExp, min_width);
}

// fpc's str_real takes 16-bit parameters (the RTL's "integer"): the compiler's
// 32-bit width and decimals are silently truncated, so r:65539 formats like r:3
// (and is then padded to 65539 by write).
int to_int16(int64_t v) { return static_cast<int16_t>(static_cast<uint16_t>(v)); }

// ===========================================================================
// ASCII -> Float (val_real)

constexpr int kMaxDigitsAccepted = 28;
constexpr int kExp10Over = 10000;
constexpr int kDiyShrToFlt = 32;                  // 96 - 1 - 63
constexpr int kDiyExpToFlt = 95 + 16383;
constexpr uint64_t kDiyRoundBit = 1ULL << 31;
constexpr uint64_t kDiyRoundMask = (kDiyRoundBit << 2) - 1;
constexpr uint64_t kMantInf = 0x8000000000000000ULL;
constexpr uint64_t kMantQNaN = 0xC000000000000000ULL;

// factor_10_inexact: 10^exp10 as a DIY number; <0 underflow, >0 overflow.
int factor_10_inexact(int exp10, Pow10& c) {
    const Pow10 a = cached_power10(exp10);
    const int i = a.e10 - exp10;
    if (i < 0) return 1;
    if (i > static_cast<int>(sizeof kValFactor / sizeof kValFactor[0]) - 1) return -1;
    const Pow10& b = kValFactor[i];
    if (b.e10 == 0) {
        c = a;
    } else if (a.e10 == 0) {
        c = b;
    } else {
        c.c = multiply(a.c, b.c, true);
        c.e10 = exp10;
    }
    return 0;
}

// add_digit: (h:l) = (h:l) * 10 + digit.
void add_digit(uint32_t& h, uint64_t& l, uint8_t digit) {
    uint64_t temp1 = lo32(l);
    temp1 += (temp1 << 3) + temp1 + digit;
    uint64_t temp2 = h;
    temp2 = (temp2 << 32) + hi32(l);
    temp2 += (temp2 << 3) + temp2 + hi32(temp1);
    h = hi32(temp2);
    l = (temp2 << 32) + lo32(temp1);
}

int count_leading_zero32(uint32_t x) { return 31 - bsr64(x); }
int count_leading_zero64(uint64_t x) { return 63 - bsr64(x); }

bool is_digit(char c) { return c >= '0' && c <= '9'; }

char upcase(char c) { return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c; }

// match_special: the rest of src from src_pos (1-based) is spec, ignoring case.
bool match_special(size_t src_pos, const std::string& src, const char* spec) {
    const size_t sl = std::strlen(spec);
    if (sl != src.size() - src_pos + 1) return false;
    for (size_t k = 0; k < sl; k++)
        if (upcase(src[src_pos - 1 + k]) != upcase(spec[k])) return false;
    return true;
}

// The decimal mantissa of val_real: up to 28 digits in 96 bits, the 29th as
// rounding digit, the rest sticky; exp10 counts the dot's moves.
struct Mantissa {
    uint64_t m = 0;
    uint32_t mh = 0;
    int dig_num = 0;
    int exp10 = 0;
    uint8_t dig_round = 0;
    uint8_t dig_sticky = 0;

    void add(uint8_t b, bool fraction) {
        if (dig_num < kMaxDigitsAccepted) {
            add_digit(mh, m, b);
            if (fraction) exp10--;
        } else {
            if (dig_num == kMaxDigitsAccepted)
                dig_round = b;
            else
                dig_sticky |= b;
            if (!fraction) exp10++;
        }
        dig_num++;
    }

    // Rounds the accepted digits by the dropped ones, ties to even.
    void round() {
        if (dig_round == 5 && dig_sticky == 0 && (m & 1) == 0) dig_round--;
        if (dig_round >= 5) {
            m++;
            if (m == 0) mh++;
        }
    }
};

// Reads digits [ "." digits ] from src at pos (1-based).
void scan_mantissa(const std::string& src, size_t& pos, Mantissa& mant) {
    const size_t len = src.size();
    while (pos <= len && src[pos - 1] == '0') pos++;
    for (; pos <= len && is_digit(src[pos - 1]); pos++)
        mant.add(static_cast<uint8_t>(src[pos - 1] - '0'), false);
    if (pos <= len && src[pos - 1] == '.') {
        pos++;
        if (mant.dig_num == 0)
            for (; pos <= len && src[pos - 1] == '0'; pos++) mant.exp10--;
        for (; pos <= len && is_digit(src[pos - 1]); pos++)
            mant.add(static_cast<uint8_t>(src[pos - 1] - '0'), true);
    }
}

// Reads the optional exponent part at pos; returns false on a syntax error
// (err_pos set).  "1e", though, is an error while "1e+" and "1e-" are not.
bool scan_exponent(const std::string& src, size_t& pos, int32_t& exp_read, int64_t& err_pos) {
    const size_t len = src.size();
    exp_read = 0;
    if (pos > len) return true;
    if (src[pos - 1] != 'e' && src[pos - 1] != 'E') {
        err_pos = static_cast<int64_t>(pos);
        return false;
    }
    pos++;
    if (pos > len) {
        err_pos = static_cast<int64_t>(pos);
        return false;
    }
    bool exp_minus = false;
    if (src[pos - 1] == '+') {
        pos++;
    } else if (src[pos - 1] == '-') {
        exp_minus = true;
        pos++;
    }
    for (; pos <= len; pos++) {
        const char a = src[pos - 1];
        if (!is_digit(a)) {
            err_pos = static_cast<int64_t>(pos);
            return false;
        }
        if (exp_read < 100000) exp_read = exp_read * 10 + (a - '0');
    }
    if (exp_minus) exp_read = -exp_read;
    return true;
}

// The extended value of mantissa * 10^exp10 as fpc computes it (one inexact
// 96-bit multiplication, then rounding to 64 bits, ties to even).
Extended scale_to_extended(bool minus, const Mantissa& mant, int exp10) {
    const Extended zero{minus, 0, 0}, inf{minus, 0x7FFF, kMantInf};
    if (exp10 >= kExp10Over) return inf;
    const int n = mant.mh == 0 ? count_leading_zero64(mant.m) + 32 : count_leading_zero32(mant.mh);
    Diy d{mant.m, mant.mh, -n};
    util_shl(d.fh, d.f, n);
    Pow10 c;
    const int overflow = factor_10_inexact(exp10, c);
    if (overflow != 0) return overflow < 0 ? zero : inf;
    if (c.e10 != 0) d = multiply(d, c.c, true);
    uint64_t b = (d.f & kDiyRoundMask) == kDiyRoundBit ? 0 : ((d.f & kDiyRoundBit) != 0);
    util_shr(d.fh, d.f, kDiyShrToFlt);
    if (b != 0) util_add(d.fh, d.f, 0, b);
    if (d.fh != 0) {
        util_shr(d.fh, d.f, 1);
        d.e++;
    }
    // TDIY_FP.e is a 16-bit integer in fpc: for 1.2e4932..1e4995 this wraps and
    // the value comes out as 0 instead of Inf.
    d.e = static_cast<int16_t>(static_cast<uint16_t>(d.e + kDiyExpToFlt));
    if (d.e >= 0x7FFF) return inf;
    if (d.e < -63) return zero;
    if (d.e <= 0) {  // extended denormal
        const int shift = 1 - d.e;
        const uint64_t bit_round = 1ULL << (shift - 1);
        const uint64_t bit_round_mask = (bit_round << 2) - 1;
        b = (d.f & bit_round_mask) == bit_round ? 0 : ((d.f & bit_round) != 0);
        if (d.e == -63) {
            if (b == 0) return zero;
            d.f = b;
        } else {
            d.f = (d.f >> shift) + b;
        }
        d.e = 0;
    }
    return Extended{minus, d.e, d.f};
}

// Storing an extended into a Double: round to nearest, ties to even (x87).
// Sets overflow when a finite value becomes infinite (fpc: runtime error 205).
double narrow(const Extended& x, bool& overflow) {
    overflow = false;
    const double sign = x.minus ? -1.0 : 1.0;
    if (x.e == 0x7FFF) {
        if ((x.f << 1) == 0) return sign * HUGE_VAL;
        const uint64_t bits = (x.minus ? 1ULL << 63 : 0) | (0x7FFULL << 52) | ((x.f >> 11) & 0xFFFFFFFFFFFFFULL);
        double r;
        std::memcpy(&r, &bits, sizeof r);
        return r;
    }
    if (x.f == 0) return sign * 0.0;
    const int ue = (x.e == 0 ? 1 : x.e) - 16383;  // value = f * 2^(ue - 63)
    int shift = 11;
    if (ue < -1022) shift += -1022 - ue;  // double subnormal
    if (shift > 64) return sign * 0.0;
    uint64_t kept = shift == 64 ? 0 : x.f >> shift;
    const bool round_bit = ((x.f >> (shift - 1)) & 1) != 0;
    const bool rest = (x.f & ((1ULL << (shift - 1)) - 1)) != 0;
    if (round_bit && (rest || (kept & 1))) kept++;
    const double r = std::ldexp(static_cast<double>(kept), ue - 63 + shift);
    overflow = std::isinf(r);
    return sign * r;
}

// val_real: text -> extended, fpc's syntax: blanks, one sign, then "Inf"/"Nan"
// (any case) or [digits][.digits][(e|E)[+|-]digits].  Errors return +0.
Extended text_to_extended(const std::string& src, int64_t& err_pos) {
    const Extended zero{false, 0, 0};
    const size_t len = src.size();
    size_t pos = 1;
    bool minus = false;
    for (; pos <= len; pos++) {
        const char a = src[pos - 1];
        if (a == '+' || a == '-') {
            minus = a == '-';
            pos++;
            break;
        }
        if (a != ' ') break;
    }
    err_pos = static_cast<int64_t>(pos);
    if (pos > len) return zero;  // nothing to evaluate

    const char first = src[pos - 1];
    if (!is_digit(first) && first != '.' && first != 'E' && first != 'e') {
        if (match_special(pos, src, "Inf")) {
            err_pos = 0;
            return Extended{minus, 0x7FFF, kMantInf};
        }
        if (match_special(pos, src, "Nan")) {
            err_pos = 0;
            return Extended{true, 0x7FFF, kMantQNaN};  // fpc's "real indefinite"
        }
        return zero;
    }

    Mantissa mant;
    scan_mantissa(src, pos, mant);
    mant.round();
    int32_t exp_read;
    if (!scan_exponent(src, pos, exp_read, err_pos)) return zero;
    const int32_t exp_temp = exp_read + mant.exp10;
    int exp10 = exp_temp;
    if (exp_read >= 100000 || exp_temp >= kExp10Over)
        exp10 = kExp10Over;
    else if (exp_read <= -100000 || exp_temp <= -kExp10Over)
        exp10 = -kExp10Over;

    err_pos = 0;
    if ((mant.m | mant.mh) == 0 || exp10 <= -kExp10Over) return Extended{minus, 0, 0};
    return scale_to_extended(minus, mant, exp10);
}

// ===========================================================================
// Integers (fpc_Val_SInt_ShortStr with an 8-byte destination)

char char_at(const std::string& s, size_t pos) {  // 1-based; #0 past the end
    return pos >= 1 && pos <= s.size() ? s[pos - 1] : '\0';
}

// InitVal: skips blanks and tabs, reads the sign and the base prefix, strips
// leading zeros (but not the last character); returns the position reached.
size_t init_val(const std::string& s, bool& negative, unsigned& base) {
    size_t code = 1;
    negative = false;
    base = 10;
    const size_t len = s.size();
    if (len == 0) return code;
    while (code <= len && (s[code - 1] == ' ' || s[code - 1] == '\t')) code++;
    if (char_at(s, code) == '-') {
        negative = true;
        code++;
    } else if (char_at(s, code) == '+') {
        code++;
    }
    if (code <= len) {
        const char c = s[code - 1];
        if (c == '$' || c == 'X' || c == 'x') {
            base = 16;
            code++;
        } else if (c == '%') {
            base = 2;
            code++;
        } else if (c == '&') {
            base = 8;
            code++;
        } else if (c == '0' && code < len && (s[code] == 'x' || s[code] == 'X')) {
            base = 16;
            code += 2;
        }
    }
    while (code < len && s[code - 1] == '0') code++;
    return code;
}

unsigned digit_value(char c) {
    if (c >= '0' && c <= '9') return static_cast<unsigned>(c - '0');
    if (c >= 'A' && c <= 'F') return static_cast<unsigned>(c - 'A' + 10);
    if (c >= 'a' && c <= 'f') return static_cast<unsigned>(c - 'a' + 10);
    return 16;
}

}  // namespace

// ===========================================================================
// Public API

int64_t field_width(int64_t width) { return static_cast<int32_t>(static_cast<uint32_t>(width)); }

int64_t blanks_before(int64_t width, size_t n) {
    const int64_t w = field_width(width);
    return w > static_cast<int64_t>(n) ? w - static_cast<int64_t>(n) : 0;
}

std::string pad_left(const std::string& s, int64_t width) {
    return std::string(static_cast<size_t>(blanks_before(width, s.size())), ' ') + s;
}

std::string format_int(int64_t v, int64_t width) {
    return pad_left(std::to_string(v), width);
}

std::string format_real_unpadded(double v, int64_t width, int64_t decimals) {
    const int min_width = width < 0 ? kNoMinWidth : to_int16(width);
    const int frac_digits = decimals < 0 ? -1 : to_int16(decimals);
    return str_real(min_width, frac_digits, v);
}

std::string format_real(double v, int64_t width, int64_t decimals) {
    // write pads again to the full (32-bit) width: str_real stops at 255.
    return pad_left(format_real_unpadded(v, width, decimals), width);
}

int64_t val_int(const std::string& s, int64_t* errpos) {
    bool negative;
    unsigned base;
    size_t code = init_val(s, negative, base);
    *errpos = static_cast<int64_t>(code);
    if (code > s.size()) return 0;
    if (s[code - 1] == '\0') {  // fpc stops at #0 (a C-string terminator)
        if (code > 1 && s[code - 2] == '0') *errpos = 0;
        return 0;
    }
    const uint64_t max_prev = UINT64_MAX / base;
    // Decimal must fit int64; other bases may use all 64 bits ($FFFFFFFFFFFFFFFF = -1).
    const uint64_t max_new = base == 10 ? static_cast<uint64_t>(INT64_MAX) + (negative ? 1 : 0) : UINT64_MAX;
    uint64_t temp = 0;
    for (; code <= s.size(); code++) {
        const char c = s[code - 1];
        if (c == '\0') break;
        const unsigned u = digit_value(c);
        const uint64_t prev = temp;
        temp *= base;
        if (u >= base || max_new - u < temp || prev > max_prev) {
            *errpos = static_cast<int64_t>(code);
            return 0;
        }
        temp += u;
    }
    *errpos = 0;
    return static_cast<int64_t>(negative ? 0 - temp : temp);
}

double val_real(const std::string& s, int64_t* errpos, bool* overflow) {
    bool too_big;
    const double r = narrow(text_to_extended(s, *errpos), too_big);
    if (overflow != nullptr) *overflow = too_big;
    return r;
}

bool parse_int(const std::string& token, int64_t* out) {
    int64_t err;
    *out = val_int(token, &err);
    return err == 0;
}

bool parse_real(const std::string& token, double* out) {
    int64_t err;
    bool overflow;
    *out = val_real(token, &err, &overflow);
    return err == 0 && !overflow;
}

std::string float_general(double v, int precision) {
  if (precision < 1) precision = 1;
  if (precision > 17) precision = 17;
  if (v == 0) return "0";
  if (std::isnan(v)) return "Nan";
  if (std::isinf(v)) return v > 0 ? "+Inf" : "-Inf";
  // " d.ddddE+xxx" (or "-d..."): fpc's rounding to `precision` digits.
  std::string sci = format_real(v, precision + 7, -1);
  size_t e = sci.find('E');
  std::string digits;
  for (size_t i = 0; i < e; i++)
    if (sci[i] >= '0' && sci[i] <= '9') digits += sci[i];
  int exponent = std::stoi(sci.substr(e + 1));
  while (digits.size() > 1 && digits.back() == '0') digits.pop_back();
  std::string out = v < 0 ? "-" : "";
  if (std::fabs(v) < 0.00001 || exponent >= precision) {
    out += digits.substr(0, 1);
    if (digits.size() > 1) out += "." + digits.substr(1);
    return out + "E" + std::to_string(exponent);
  }
  if (exponent < 0) return out + "0." + std::string(static_cast<size_t>(-exponent - 1), '0') + digits;
  size_t whole = static_cast<size_t>(exponent) + 1;
  if (digits.size() <= whole) return out + digits + std::string(whole - digits.size(), '0');
  return out + digits.substr(0, whole) + "." + digits.substr(whole);
}

std::string float_to_str(double v) { return float_general(v, 15); }

namespace {
std::string justify(std::string s, int width, bool left) {
  if (width < 0 || static_cast<int>(s.size()) >= width) return s;
  std::string pad(static_cast<size_t>(width) - s.size(), ' ');
  return left ? s + pad : pad + s;
}

// fpc drops the sign of a result that shows only zeros ("-0.00" -> "0.00").
std::string drop_negative_zero(std::string s) {
  if (s.size() > 1 && s[0] == '-' && s.find_first_not_of("0.,E+", 1) == std::string::npos) s.erase(0, 1);
  return s;
}
}  // namespace

std::string format_int_spec(int64_t v, char conv, int width, int precision, bool left) {
  std::string sign, digits;
  if (conv == 'x') {
    static const char kHex[] = "0123456789ABCDEF";
    uint64_t u = static_cast<uint64_t>(v);
    do {
      digits.insert(digits.begin(), kHex[u & 15]);
      u >>= 4;
    } while (u);
  } else if (conv == 'u') {
    digits = std::to_string(static_cast<uint64_t>(v));
  } else {
    digits = std::to_string(v < 0 ? 0 - static_cast<uint64_t>(v) : static_cast<uint64_t>(v));
    if (v < 0) sign = "-";
  }
  if (precision > static_cast<int>(digits.size())) digits.insert(0, static_cast<size_t>(precision) - digits.size(), '0');
  return justify(sign + digits, width, left);
}

std::string format_real_spec(double v, char conv, int width, int precision, bool left) {
  std::string s;
  if (conv == 'f' || conv == 'n') {
    int decimals = precision < 0 ? 2 : precision > 18 ? 18 : precision;
    s = format_real(v, 0, decimals);
    if (!s.empty() && s[0] == ' ') s.erase(0, 1);
    if (conv == 'n' && std::isfinite(v)) {
      size_t start = s[0] == '-' ? 1 : 0, point = s.find('.');
      if (point == std::string::npos) point = s.size();
      for (size_t at = point; at > start + 3; at -= 3) s.insert(at - 3, ",");
    }
  } else if (conv == 'e') {
    int digits = precision < 0 || precision > 17 ? 17 : precision;
    s = format_real(v, digits + 7, -1);
    s.erase(0, s.find_first_not_of(' '));
  } else {
    s = float_general(v, precision < 0 ? 17 : precision);
  }
  return justify(drop_negative_zero(s), width, left);
}

std::string float_to_str_f(double v, int format, int precision, int digits) {
  switch (format) {
    case 0: return format_real_spec(v, 'g', -1, precision, false);
    case 2: return format_real_spec(v, 'f', -1, digits < 0 ? 0 : digits, false);
    case 3: return format_real_spec(v, 'n', -1, digits < 0 ? 0 : digits, false);
    default: break;
  }
  std::string s = format_real_spec(v, 'e', -1, precision < 1 ? 1 : precision, false);
  size_t e = s.find('E');
  if (e == std::string::npos || e + 2 > s.size()) return s;
  size_t first = e + 2, nonzero = s.find_first_not_of('0', first);
  if (nonzero == std::string::npos) nonzero = s.size();
  size_t keep = std::max<size_t>(s.size() - nonzero, static_cast<size_t>(std::clamp(digits, 0, 4)));
  if (keep == 0) return s.substr(0, e);  // 0 with no exponent digits asked: "0.00"
  if (s.size() - first > keep) s.erase(first, s.size() - first - keep);
  else s.insert(first, keep - (s.size() - first), '0');
  return s;
}

std::string format_str_spec(const std::string& s, int width, int precision, bool left) {
  return justify(precision >= 0 && precision < static_cast<int>(s.size()) ? s.substr(0, static_cast<size_t>(precision)) : s,
                 width, left);
}

}  // namespace dvm::pasfmt
