// Pascal text formatting and number parsing, byte-for-byte as Free Pascal 3.2.2
// (x86-64) does it: write/str of reals and integers, read and val of numbers.
//
// Pure functions: no I/O, no globals.  The real conversions are a port of fpc's
// RTL (rtl/inc/flt_core.inc, the "Grisu1" code that fpc uses with ValReal =
// extended), so rounding quirks match exactly.  The rules are spelled out below;
// tests/pasfmt holds the cases fpc itself printed.
#pragma once

#include <cstdint>
#include <string>

namespace dvm::pasfmt {

// write(v:width:decimals) for a real, as fpc prints a Double (str(v:width:decimals, s)
// gives the same text).  fpc's rules, all reproduced here:
//   - no decimals (decimals < 0): scientific, " d.ddd...E+xxx": a sign slot ('-' or a
//     blank), at least 3 exponent digits.  No width (width < 0): 17 significant
//     digits (" 1.0000000000000000E+000"); with a width: clamp(width - 7, 2, 17)
//     digits (1.5:10 -> " 1.50E+000", 1.5:0 -> " 1.5E+000").
//   - decimals given: fixed, '-' only when negative (also -0.0 and values that round
//     to zero: -1e-5:0:2 -> "-0.00"); decimals above 216 count as 216; if the text
//     would exceed 255 characters fpc falls back to the scientific form
//     (1e300:0:2 -> " 1.0E+300").
//   - rounding: the value's 17 significant digits first (ties to even), then to the
//     requested digits with ties away from zero (0.5:0:0 -> "1", 2.5:0:0 -> "3",
//     2.675:0:2 -> "2.68"); more decimals than 17 digits show zeros
//     (0.1:0:20 -> "0.10000000000000001000").
//   - NaN and infinities: "Nan", "+Inf", "-Inf" right-aligned in width (24 when no
//     width), decimals ignored.
//   - the result is right-aligned in width, never truncated.  fpc's formatter takes
//     width and decimals as 16-bit numbers (r:3:65537 formats like r:3:1), though
//     write still pads to the full width; reproduced.
// width < 0: no width given.  An explicit negative width in a Pascal program acts as
// width 0 for reals in fpc (r:-5 is r:0), so the caller passes 0 for it; for
// integers, strings, chars and booleans a negative width is the same as none.
std::string format_real(double v, int64_t width, int64_t decimals);
// The same before write's final padding to width (never more than a few
// hundred characters, whatever the width): write and str pad it themselves,
// so that a field of 2^31 - 1 blanks is streamed or lives in program memory.
std::string format_real_unpadded(double v, int64_t width, int64_t decimals);

// write(i:width) for an integer (width < 0: none); right-aligned, never truncated.
std::string format_int(int64_t v, int64_t width);

// sysutils' FloatToStr: 15 significant digits (rounded as str(v:22) rounds),
// without trailing zeros; fixed notation from 1e-5 up to below 1e15, else
// "d.dddE[-]x" with the exponent's digits only (1E15, -6.5E-11); "0" for zero;
// "Nan", "+Inf", "-Inf".
std::string float_to_str(double v);
// The same with `precision` significant digits (FloatToStrF's ffGeneral).
std::string float_general(double v, int precision);

// One conversion of sysutils' Format, as fpc does it.  conv: 'd', 'u', 'x'
// (integers; precision = minimum digits), 'f', 'e', 'g', 'n' (reals;
// precision: decimals for f and n (default 2), significant digits for e and g
// (default 17)), 's' (precision: at most that many characters).  width and
// precision < 0: not given; the text is right-aligned in width, or
// left-aligned when `left`.
std::string format_int_spec(int64_t v, char conv, int width, int precision, bool left);
std::string format_real_spec(double v, char conv, int width, int precision, bool left);
std::string format_str_spec(const std::string& s, int width, int precision, bool left);

// sysutils' FloatToStrF(v, format, precision, digits); format: 0 ffGeneral
// (precision significant digits, as %g), 1 ffExponent (precision significant
// digits, at least `digits` exponent digits: 1.230E-04), 2 ffFixed (digits
// decimals, as %f), 3 ffNumber (as %n).
std::string float_to_str_f(double v, int format, int precision, int digits);

// fpc passes a field width (and decimals) as a longint: a wider integer
// keeps its low 32 bits, so no field is wider than 2^31 - 1 characters.
int64_t field_width(int64_t width);
// The blanks before n characters right-aligned in width (0 when width, as a
// longint, is negative or at most n).  write streams them; str and the
// functions here put them in front.
int64_t blanks_before(int64_t width, size_t n);

// Pads s on the left with blanks to width (width < 0 or <= size: unchanged).
// Used for strings, chars and booleans ('TRUE'/'FALSE').
std::string pad_left(const std::string& s, int64_t width);

// read(i) on text: the caller has skipped leading blanks and line breaks and hands
// the token (a maximal run of characters > ' ').  fpc's read is val on that token,
// so this accepts exactly what val_int accepts: optional sign, then decimal digits,
// or $hex / x hex / 0x hex / %binary / &octal.  Decimal overflow is invalid;
// non-decimal forms may use all 64 bits and wrap as in fpc ($FFFFFFFFFFFFFFFF
// reads as -1).  (fpc reads at most 255 characters of a token; dvm does not.)
bool parse_int(const std::string& token, int64_t* out);

// read(r) on text, same conventions as parse_int; accepts what val_real accepts
// ("3", "3.5", "-2e3", ".5", "5.", "1e+3", "inf", "-Inf", "nan" in any case, also
// ".", "e5" and "1e+" which read as 0, 0 and 1; not "1e", "$10", "infinity").
bool parse_real(const std::string& token, double* out);

// val(s, v, code) with fpc's rules: leading blanks allowed (blanks and tabs for
// integers, only blanks for reals), nothing after the number (not even blanks);
// anything wrong gives the 1-based position of the first bad character in *errpos
// (the length + 1 when the text ends too early, e.g. "" -> 1, "-" -> 2, "1e" -> 3)
// and the value is then 0; success: *errpos = 0.
int64_t val_int(const std::string& s, int64_t* errpos);
// For a finite text beyond a double's range (e.g. "1e309") fpc's val and read stop
// the program with runtime error 205 (floating point overflow); val_real then
// returns +-Inf with *errpos = 0 and sets *overflow (when given); parse_real
// returns false.  ("1e100000" and "inf" are not errors in fpc: they give Inf.)
double val_real(const std::string& s, int64_t* errpos, bool* overflow = nullptr);

}  // namespace dvm::pasfmt
