{ dvm-options: --memory=2M }
program dynamic_array_constructors;
{ a := [e1, e2, ...] for dynamic arrays: strings, integers, reals from
  integers, records, the empty list, elements reading the array itself,
  nested lists for arrays of arrays; in a loop, in 2 MB, the old arrays go. }
type
  TRec = record n: string; v: integer; end;
var
  words: array of string;
  nums: array of integer;
  rs: array of real;
  recs: array of TRec;
  r: TRec;
  i, k: integer;
  s: string;
  m: array of array of integer;
  names: array of array of string;
begin
  words := ['alpha', 'beta', 'gam' + 'ma'];
  for s in words do write(s, ' ');
  writeln(Length(words));
  nums := [3, 1, 4, 1, 5];
  nums := [nums[4], nums[0], 9];
  for i in nums do write(i, ' ');
  writeln;
  rs := [1, 2.5];
  writeln(rs[0]:0:1, ' ', rs[1]:0:1);
  nums := [];
  writeln(Length(nums));
  r.n := 'x'; r.v := 7;
  recs := [r, r];
  recs[1].n := 'y';
  writeln(recs[0].n, recs[1].n, recs[1].v);
  for k := 1 to 3 do
  begin
    words := [chr(48 + k), words[0]];
    writeln(words[0], words[1]);
  end;
  m := [[1, 2], [3], []];
  for i := 0 to High(m) do writeln(Length(m[i]));
  writeln(m[0][1], m[1][0]);
  names := [['a', 'b'], words];
  writeln(names[0][1], names[1][0]);
  for k := 1 to 20000 do
  begin
    words := [StringOfChar('a', 100), StringOfChar('b', 100 + k mod 7)];
    m := [[k, k], [1, 2, 3, 4, 5, 6, 7, 8]];
  end;
  writeln(Length(words[1]), ' ', m[0][0]);
end.
