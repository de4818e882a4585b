{ sort: quicksort (recursive, middle pivot) of 1,500,000 pseudo-random integers from the
  Park-Miller "minimal standard" LCG computed with Schrage's method, so every intermediate
  value fits in 32 bits. Measures array access, comparisons, swaps and recursion. }
program sortbench;

const
  N = 1500000;
  MODULUS = 1000003;

var
  a: array[1..N] of integer;
  seed: integer;

{ Park-Miller: seed := 48271 * seed mod (2^31 - 1), without overflow. }
function nextrand: integer;
begin
  seed := 48271 * (seed mod 44488) - 3399 * (seed div 44488);
  if seed <= 0 then
    seed := seed + 2147483647;
  nextrand := seed;
end;

procedure quicksort(lo, hi: integer);
var
  i, j, pivot, t: integer;
begin
  i := lo;
  j := hi;
  pivot := a[(lo + hi) div 2];
  repeat
    while a[i] < pivot do
      i := i + 1;
    while a[j] > pivot do
      j := j - 1;
    if i <= j then
    begin
      t := a[i];
      a[i] := a[j];
      a[j] := t;
      i := i + 1;
      j := j - 1;
    end;
  until i > j;
  if lo < j then
    quicksort(lo, j);
  if i < hi then
    quicksort(i, hi);
end;

var
  i, check, unsorted: integer;

begin
  seed := 42;
  for i := 1 to N do
    a[i] := nextrand mod 1000000;
  quicksort(1, N);
  check := 0;
  unsorted := 0;
  for i := 1 to N do
  begin
    if (i > 1) and (a[i - 1] > a[i]) then
      unsorted := unsorted + 1;
    check := (check * 31 + a[i]) mod MODULUS;
  end;
  writeln(check, ' ', unsorted, ' ', a[1], ' ', a[N]);
end.
