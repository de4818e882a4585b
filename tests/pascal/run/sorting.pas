program Sorting;
{ Sorting algorithms on the same data: bubble, selection, insertion, shell, quicksort,
  merge sort (with a temporary array), counting sort; each checked and printed. }
const
  N = 20;
type
  TArr = array[1..N] of integer;
var
  orig, a: TArr;
  i, seed: integer;

function NextRand: integer;
begin
  seed := (seed * 1103 + 12345) mod 65536;
  NextRand := seed mod 100;
end;

procedure Show(const name: string; const x: TArr);
var
  i: integer;
  sorted: boolean;
begin
  sorted := true;
  for i := 2 to N do
    if x[i - 1] > x[i] then sorted := false;
  write(name:10, ' ', sorted:5, ':');
  for i := 1 to N do write(' ', x[i]);
  writeln;
end;

procedure Swap(var p, q: integer);
var
  t: integer;
begin
  t := p; p := q; q := t;
end;

procedure Bubble(var x: TArr);
var
  i, j: integer;
  swapped: boolean;
begin
  for i := N downto 2 do
  begin
    swapped := false;
    for j := 1 to i - 1 do
      if x[j] > x[j + 1] then
      begin
        Swap(x[j], x[j + 1]);
        swapped := true;
      end;
    if not swapped then break;
  end;
end;

procedure Selection(var x: TArr);
var
  i, j, m: integer;
begin
  for i := 1 to N - 1 do
  begin
    m := i;
    for j := i + 1 to N do
      if x[j] < x[m] then m := j;
    if m <> i then Swap(x[i], x[m]);
  end;
end;

procedure Insertion(var x: TArr);
var
  i, j, v: integer;
begin
  for i := 2 to N do
  begin
    v := x[i];
    j := i - 1;
    while (j >= 1) and (x[j] > v) do
    begin
      x[j + 1] := x[j];
      dec(j);
    end;
    x[j + 1] := v;
  end;
end;

procedure Shell(var x: TArr);
var
  gap, i, j, v: integer;
begin
  gap := N div 2;
  while gap > 0 do
  begin
    for i := gap + 1 to N do
    begin
      v := x[i];
      j := i;
      while (j > gap) and (x[j - gap] > v) do
      begin
        x[j] := x[j - gap];
        j := j - gap;
      end;
      x[j] := v;
    end;
    gap := gap div 2;
  end;
end;

procedure Quick(var x: TArr; lo, hi: integer);
var
  i, j, pivot: integer;
begin
  i := lo; j := hi;
  pivot := x[(lo + hi) div 2];
  repeat
    while x[i] < pivot do inc(i);
    while x[j] > pivot do dec(j);
    if i <= j then
    begin
      Swap(x[i], x[j]);
      inc(i); dec(j);
    end;
  until i > j;
  if lo < j then Quick(x, lo, j);
  if i < hi then Quick(x, i, hi);
end;

procedure MergeSort(var x: TArr; lo, hi: integer);
var
  tmp: TArr;
  mid, i, j, k: integer;
begin
  if lo >= hi then exit;
  mid := (lo + hi) div 2;
  MergeSort(x, lo, mid);
  MergeSort(x, mid + 1, hi);
  i := lo; j := mid + 1; k := lo;
  while (i <= mid) and (j <= hi) do
  begin
    if x[i] <= x[j] then begin tmp[k] := x[i]; inc(i); end
    else begin tmp[k] := x[j]; inc(j); end;
    inc(k);
  end;
  while i <= mid do begin tmp[k] := x[i]; inc(i); inc(k); end;
  while j <= hi do begin tmp[k] := x[j]; inc(j); inc(k); end;
  for k := lo to hi do x[k] := tmp[k];
end;

procedure Counting(var x: TArr);
var
  count: array[0..99] of integer;
  i, v, k: integer;
begin
  for v := 0 to 99 do count[v] := 0;
  for i := 1 to N do inc(count[x[i]]);
  k := 1;
  for v := 0 to 99 do
    while count[v] > 0 do
    begin
      x[k] := v;
      inc(k);
      dec(count[v]);
    end;
end;

begin
  seed := 42;
  for i := 1 to N do orig[i] := NextRand;
  Show('original', orig);
  a := orig; Bubble(a); Show('bubble', a);
  a := orig; Selection(a); Show('selection', a);
  a := orig; Insertion(a); Show('insertion', a);
  a := orig; Shell(a); Show('shell', a);
  a := orig; Quick(a, 1, N); Show('quick', a);
  a := orig; MergeSort(a, 1, N); Show('merge', a);
  a := orig; Counting(a); Show('counting', a);
  Show('untouched', orig);
end.
