#!/usr/bin/env bash
# The dvm command's handling of its own options: sizes it cannot use are bad
# usage (exit 2 with a message), never a crash; and sources too large to
# compile in quadratic time.
#
# Usage: tests/cli_tests.sh DVM
set -u
DVM=$1
WORK=$(mktemp -d "${TMPDIR:-/tmp}/dvm-cli-tests.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
passed=0
failed=0

# expect_status WANT DESCRIPTION ARGS...: runs dvm, checks its exit status.
expect_status() {
    local want=$1 what=$2
    shift 2
    timeout 20 "$DVM" "$@" > "$WORK/out" 2> "$WORK/err" < /dev/null
    local got=$?
    if [ "$got" = "$want" ]; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
        echo "FAIL $what: exit status $got, expected $want"
        head -n 3 "$WORK/err" | sed 's/^/    /'
    fi
}

cat > "$WORK/alloc.c" <<'C'
#include <stdlib.h>
int main(void) { char *p = malloc(10); return p == 0; }
C
for size in 0 1 65535 -5 17T 1Q; do
    expect_status 2 "--memory=$size" run --memory="$size" "$WORK/alloc.c"
    expect_status 2 "--stack=$size" run --stack="$size" "$WORK/alloc.c"
done
expect_status 0 "--memory=64K runs" run --memory=64K "$WORK/alloc.c"
expect_status 0 "--stack=64K runs" run --stack=64K "$WORK/alloc.c"
expect_status 0 "--memory=1G runs" run --memory=1G "$WORK/alloc.c"
# The upper bound the message names is a size dvm accepts.
expect_status 0 "--memory=16T runs" run --memory=16T "$WORK/alloc.c"
expect_status 0 "--stack=2T runs" run --stack=2T "$WORK/alloc.c"
for us in -5 abc 1000001 1.5 ""; do
    expect_status 2 "--busy-poll=$us" run --busy-poll="$us" "$WORK/alloc.c"
done
expect_status 0 "--busy-poll=0 runs" run --busy-poll=0 "$WORK/alloc.c"
expect_status 0 "--busy-poll=1000000 runs" run --busy-poll=1000000 "$WORK/alloc.c"

# The memory-checking programs (runtime_errors/memcheck_*) behave as before
# without --check-memory: no memory-check error; the C ones and the dispose
# ones run to their end (the overruns go unnoticed, as they did), the Pascal
# index ones stop with the index error they always did.
HERE=$(cd "$(dirname "$0")" && pwd)
for src in "$HERE"/c/runtime_errors/memcheck_*.c "$HERE"/pascal/runtime_errors/memcheck_*.pas; do
    name=$(basename "$src")
    want=0
    grep -q "index out of range" "$src" && want=1
    expect_status "$want" "$name without --check-memory" run "$src"
    if grep -q -E "heap block overrun|use of freed memory|local variable overrun" "$WORK/err"; then
        failed=$((failed + 1))
        echo "FAIL $name without --check-memory reports a memory-check error"
    fi
done
expect_status 0 "--check-memory on a clean program" run --check-memory "$WORK/alloc.c"
timeout 20 "$DVM" run --help > "$WORK/help" 2>&1
if grep -q -- "--check-memory" "$WORK/help" && grep -q "JIT off" "$WORK/help"; then
    passed=$((passed + 1))
else
    failed=$((failed + 1))
    echo "FAIL dvm run --help does not describe --check-memory and the JIT it turns off"
fi
timeout 20 "$DVM" --help > "$WORK/help" 2>&1
if grep -q -- "--memory SIZE" "$WORK/help" && grep -q -- "--stack SIZE" "$WORK/help" && grep -q -- "--jit=off|on|auto" "$WORK/help"; then
    passed=$((passed + 1))
else
    failed=$((failed + 1))
    echo "FAIL dvm --help does not show run's --jit, --memory and --stack"
fi

# --version after any command; not when it is one of the program's arguments.
for c in compile run update status dis; do
    expect_status 0 "dvm $c --version" "$c" --version
    grep -q "^dvm [0-9]" "$WORK/out" || { failed=$((failed + 1)); echo "FAIL dvm $c --version printed: $(cat "$WORK/out")"; }
done
cat > "$WORK/args.c" <<'C'
#include <stdio.h>
int main(int argc, char **argv) { printf("%d %s\n", argc, argc > 1 ? argv[1] : ""); return 0; }
C
expect_status 0 "--version after -- goes to the program" run "$WORK/args.c" -- --version
grep -q "^2 --version$" "$WORK/out" || { failed=$((failed + 1)); echo "FAIL the program did not get --version: $(cat "$WORK/out")"; }
# An image never overwrites its source; a directory is no source or image.
cp "$WORK/args.c" "$WORK/keep.c"
expect_status 1 "compile -o onto the source" compile "$WORK/keep.c" -o "$WORK/keep.c"
cmp -s "$WORK/args.c" "$WORK/keep.c" || { failed=$((failed + 1)); echo "FAIL compile -o overwrote its source"; }
mkdir -p "$WORK/dir.pas" "$WORK/dir.dbc"
expect_status 1 "a directory as the source" compile "$WORK/dir.pas"
grep -q "is a directory" "$WORK/err" || { failed=$((failed + 1)); echo "FAIL directory source: $(cat "$WORK/err")"; }
expect_status 1 "a directory as the image" run "$WORK/dir.dbc"
grep -q "is a directory" "$WORK/err" || { failed=$((failed + 1)); echo "FAIL directory image: $(cat "$WORK/err")"; }
DVM_JIT=bogus expect_status 2 "a bad DVM_JIT" run "$WORK/args.c"
grep -q "DVM_JIT must be off, on or auto, not 'bogus'" "$WORK/err" ||
    { failed=$((failed + 1)); echo "FAIL a bad DVM_JIT says: $(head -n 1 "$WORK/err")"; }

# Pascal's stderr and erroutput reach standard error, not standard output.
expect_status 0 "Pascal writes to stderr" run "$HERE/pascal/run/stderr_and_fpc_limits.pas"
if [ "$(cat "$WORK/err")" != "$(printf 'err 1    42\nerr 2')" ] || grep -q err "$WORK/out"; then
    failed=$((failed + 1)); echo "FAIL Pascal stderr: got '$(cat "$WORK/err")'"
fi

# Standard output that fails: a full disk is a runtime error that says so; a
# closed pipe ends the program as SIGPIPE would (141); a stream started closed
# is /dev/null (the program's output never reaches a file dvm opened).
printf '#include <stdio.h>\nint main(void) {\n  puts("a");\n  return 0;\n}\n' > "$WORK/puts.c"
if [ -w /dev/full ]; then
    timeout 20 "$DVM" run "$WORK/puts.c" > /dev/full 2> "$WORK/err"
    got=$?
    if [ "$got" = 1 ] && grep -q "runtime error: cannot write standard output (No space left on device)" "$WORK/err"; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1)); echo "FAIL output to /dev/full: status $got, $(head -n 1 "$WORK/err")"
    fi
fi
timeout 20 "$DVM" run "$WORK/puts.c" >&- 2> "$WORK/err"
got=$?
if [ "$got" = 0 ] && [ ! -s "$WORK/err" ]; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL closed stdout: status $got"; fi
printf 'program many;\nvar i: integer;\nbegin\n  for i := 1 to 1000000 do writeln(i);\nend.\n' > "$WORK/many.pas"
timeout 20 "$DVM" run "$WORK/many.pas" 2> "$WORK/err" | head -n 1 > /dev/null
got=${PIPESTATUS[0]}
if [ "$got" = 141 ] && [ ! -s "$WORK/err" ]; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL closed pipe: status $got"; fi

# A frame of the built-in library has no line of the program.
expect_status 1 "an error inside the library" run "$HERE/c/runtime_errors/error_inside_library_code.c"
grep -q "^    at qsort (version 1) (library)$" "$WORK/err" ||
    { failed=$((failed + 1)); echo "FAIL a library frame in a trace: $(cat "$WORK/err")"; }

# --jit-report names every procedure version, those never compiled too.
printf '#include <stdio.h>\nint hot(int x) { return x + 1; }\nint cold(int x) { return x - 1; }\nint main(void) {\n  int s = 0;\n  for (int i = 0; i < 5000; i++) s = hot(s);\n  printf("%%d\\n", cold(s));\n  return 0;\n}\n' > "$WORK/rep.c"
expect_status 0 "--jit-report" run --jit=auto --jit-report "$WORK/rep.c"
if grep -q "^jit: 2 of 3 procedure versions compiled" "$WORK/err" && grep -q "^  hot (version 1): compiled" "$WORK/err" &&
   grep -q "^  cold (version 1): interpreted: not hot" "$WORK/err"; then
    passed=$((passed + 1))
else
    failed=$((failed + 1)); echo "FAIL --jit-report: $(cat "$WORK/err")"
fi

# Large sources: work that grows with the square of a chain's length never
# ends within the timeout (a 100,000-term sum took hours that way); work that
# grows with its length takes about a second.
# (perl: part of every Debian system, python is not)
perl - "$WORK" <<'PL'
my ($work, $n) = ($ARGV[0], 100000);
sub put { my ($name, $text) = @_; open(my $f, '>', "$work/$name") or die; print $f $text; close $f; }
put('chain.pas', "program chain;\nvar i: integer; b: boolean;\nbegin\n  i := 1" . (' + i' x $n) .
    ";\n  b := (i > 0)" . (' and (i > 0)' x ($n / 10)) . ";\n  writeln(i, b)\nend.\n");
put('chain.c', "int main(void) {\n  int i = 1" . (' + i' x $n) . ";\n  return i;\n}\n");
put('cond256.c', "int main(void) {\n  int x = 3;\n  return " . ('x == 0 ? 0 : ' x 256) . "1;\n}\n");
put('cond50000.c', "int main(void) {\n  int x = 3;\n  return " . ('x == 0 ? 0 : ' x 50000) . "1;\n}\n");
put('macros.c', "#define A(x) (x)\nint main(void) {\n  return " . ('A(' x 20000) . '1' . (')' x 20000) . ";\n}\n");
put('nested.pas', "program nested;\n" . ("procedure p;\n" x 30000) . ("begin end;\n" x 30000) . "begin\nend.\n");
PL
for src in chain.pas chain.c; do
    expect_status 0 "a 100,000-term $src compiles" compile "$WORK/$src" -o "$WORK/chain.dbc"
    expect_status 0 "a 100,000-term $src in --emit=ast" compile --emit=ast "$WORK/$src"
done
# Each conditional asks for its operands' types before compiling them: once
# each, or a chain of 256 costs 2^256.
expect_status 0 "a chain of 256 conditionals compiles" compile "$WORK/cond256.c" -o "$WORK/cond.dbc"
expect_status 1 "a chain of 50,000 conditionals is an error" compile "$WORK/cond50000.c"
grep -q "cond50000.c:3:3345: error: conditional expressions nested too deeply (the limit is 256)" "$WORK/err" ||
    { failed=$((failed + 1)); echo "FAIL 50,000 conditionals: $(head -c 200 "$WORK/err")"; }
# A macro call nested 20,000 deep in its own argument: an error before any
# expansion (each level would copy the arguments within it: 20 GB).
expect_status 1 "20,000 nested macro calls are an error" compile "$WORK/macros.c"
grep -q "macros.c:3:523: error: nesting too deep" "$WORK/err" ||
    { failed=$((failed + 1)); echo "FAIL 20,000 nested macro calls: $(head -c 200 "$WORK/err")"; }
expect_status 1 "30,000 nested routines are an error" compile "$WORK/nested.pas"
grep -q "nested.pas:34:1: error: routines nested too deeply (the limit is 31 levels)" "$WORK/err" ||
    { failed=$((failed + 1)); echo "FAIL 30,000 nested routines: $(head -n 1 "$WORK/err")"; }

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
