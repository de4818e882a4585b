program OpenArrays;
{ Open-array parameters: arrays of different sizes and bounds passed to the same routine,
  low/high/length inside (low is always 0), value, var and const open arrays. }
var
  small: array[1..3] of integer;
  big: array[10..19] of integer;
  reals: array[-2..2] of real;
  chars: array[0..4] of char;
  i: integer;

function Sum(a: array of integer): integer;
var
  k: integer;
begin
  Result := 0;
  for k := low(a) to high(a) do Result := Result + a[k];
end;

procedure Info(const a: array of integer);
begin
  writeln('low ', low(a), ' high ', high(a), ' length ', length(a), ' first ', a[0], ' last ', a[high(a)]);
end;

procedure Fill(var a: array of integer; start: integer);
var
  k: integer;
begin
  for k := 0 to high(a) do a[k] := start + k;
end;

procedure ClobberCopy(a: array of integer);
begin
  a[0] := -999;
  writeln('copy changed to ', a[0]);
end;

function Average(const a: array of real): real;
var
  k: integer;
  s: real;
begin
  s := 0;
  for k := 0 to length(a) - 1 do s := s + a[k];
  Average := s / length(a);
end;

procedure Reverse(var a: array of char);
var
  k: integer;
  t: char;
begin
  for k := 0 to (length(a) div 2) - 1 do
  begin
    t := a[k];
    a[k] := a[high(a) - k];
    a[high(a) - k] := t;
  end;
end;

function MaxOf(const a: array of integer): integer;
var
  k: integer;
begin
  MaxOf := a[low(a)];
  for k := low(a) + 1 to high(a) do
    if a[k] > MaxOf then MaxOf := a[k];
end;

begin
  small[1] := 5; small[2] := -2; small[3] := 9;
  Fill(big, 100);
  writeln(Sum(small), ' ', Sum(big));
  Info(small);
  Info(big);
  ClobberCopy(small);
  writeln('original ', small[1]);
  writeln('max ', MaxOf(small), ' ', MaxOf(big));
  for i := -2 to 2 do reals[i] := i * 1.5 + 1;
  writeln('average ', Average(reals):0:3);
  chars[0] := 'h'; chars[1] := 'e'; chars[2] := 'l'; chars[3] := 'l'; chars[4] := 'o';
  Reverse(chars);
  for i := 0 to 4 do write(chars[i]);
  writeln;
  Fill(small, 1);
  writeln(small[1], small[2], small[3]);
end.
