program Params;
{ Parameter passing: value (a copy, also of arrays, records and strings), var (aliasing),
  const, and var parameters of several types. }
type
  TArr = array[1..5] of integer;
  TRec = record
    n: integer;
    s: string;
  end;
var
  x, y: integer;
  a: TArr;
  r: TRec;
  s: string;
  c: char;
  f: real;
  i: integer;

procedure ByValue(n: integer; arr: TArr; rec: TRec; str: string);
begin
  n := n * 100;
  arr[1] := -1;
  rec.n := -1;
  rec.s := 'changed';
  str := str + '?';
  writeln('inside: ', n, ' ', arr[1], ' ', rec.n, ' ', rec.s, ' ', str);
end;

procedure ByVar(var n: integer; var arr: TArr; var rec: TRec; var str: string);
begin
  n := n * 100;
  arr[1] := -1;
  rec.n := -1;
  rec.s := 'changed';
  str := str + '?';
end;

procedure ByConst(const n: integer; const arr: TArr; const rec: TRec; const str: string);
begin
  writeln('const: ', n, ' ', arr[2], ' ', rec.s, ' ', str, ' ', length(str));
end;

procedure Swap(var p, q: integer);
var
  t: integer;
begin
  t := p; p := q; q := t;
end;

procedure SetAll(var ch: char; var re: real; var st: string);
begin
  ch := 'Z';
  re := re / 4;
  st := 'set';
end;

procedure Twice(var v: integer);
begin
  v := v * 2;
end;

function SumArr(const arr: TArr): integer;
var
  k: integer;
begin
  SumArr := 0;
  for k := 1 to 5 do SumArr := SumArr + arr[k];
end;

begin
  x := 3;
  for i := 1 to 5 do a[i] := i;
  r.n := 7; r.s := 'orig';
  s := 'text';
  ByValue(x, a, r, s);
  writeln('after value: ', x, ' ', a[1], ' ', r.n, ' ', r.s, ' ', s);
  ByConst(x + 1, a, r, s + '!');
  ByVar(x, a, r, s);
  writeln('after var: ', x, ' ', a[1], ' ', r.n, ' ', r.s, ' ', s);
  x := 1; y := 2;
  Swap(x, y);
  writeln(x, ' ', y);
  Swap(a[2], a[5]);
  writeln(a[2], ' ', a[5]);
  c := 'a'; f := 10; s := '';
  SetAll(c, f, s);
  writeln(c, ' ', f:0:2, ' ', s);
  Twice(a[3]); Twice(a[3]); Twice(r.n);
  writeln(a[3], ' ', r.n);
  writeln(SumArr(a));
  x := 5;
  Swap(x, x);
  writeln(x);
end.
