program BigInt;
{ Arbitrary-precision arithmetic with digit arrays: factorials, powers of two, Fibonacci
  numbers of hundreds of digits, printed in full. }
const
  MaxDigits = 200;
type
  TBig = record
    d: array[1..MaxDigits] of integer;  { least significant first }
    len: integer;
  end;
var
  a, b, c: TBig;
  i: integer;

procedure SetSmall(var x: TBig; v: integer);
begin
  x.len := 0;
  repeat
    inc(x.len);
    x.d[x.len] := v mod 10;
    v := v div 10;
  until v = 0;
end;

procedure MulSmall(var x: TBig; m: integer);
var
  i, carry, t: integer;
begin
  carry := 0;
  for i := 1 to x.len do
  begin
    t := x.d[i] * m + carry;
    x.d[i] := t mod 10;
    carry := t div 10;
  end;
  while carry > 0 do
  begin
    inc(x.len);
    x.d[x.len] := carry mod 10;
    carry := carry div 10;
  end;
end;

procedure Add(const x, y: TBig; var z: TBig);
var
  i, carry, t, n: integer;
begin
  n := x.len;
  if y.len > n then n := y.len;
  carry := 0;
  for i := 1 to n do
  begin
    t := carry;
    if i <= x.len then t := t + x.d[i];
    if i <= y.len then t := t + y.d[i];
    z.d[i] := t mod 10;
    carry := t div 10;
  end;
  z.len := n;
  if carry > 0 then
  begin
    inc(z.len);
    z.d[z.len] := carry;
  end;
end;

procedure Print(const x: TBig);
var
  i: integer;
begin
  for i := x.len downto 1 do write(x.d[i]);
  writeln(' (', x.len, ' digits)');
end;

function DigitSum(const x: TBig): integer;
var
  i: integer;
begin
  Result := 0;
  for i := 1 to x.len do Result := Result + x.d[i];
end;

begin
  SetSmall(a, 1);
  for i := 2 to 50 do MulSmall(a, i);
  write('50! = ');
  Print(a);
  writeln('digit sum ', DigitSum(a));
  SetSmall(a, 1);
  for i := 1 to 200 do MulSmall(a, 2);
  write('2^200 = ');
  Print(a);
  SetSmall(a, 0);
  SetSmall(b, 1);
  for i := 2 to 300 do
  begin
    Add(a, b, c);
    a := b;
    b := c;
  end;
  write('fib(300) = ');
  Print(b);
end.
