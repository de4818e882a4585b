program Roman;
{ Roman numerals: conversion both ways with constant tables in arrays, validated by a
  round trip over 1..2000. }
var
  values: array[1..13] of integer;
  symbols: array[1..13] of string[2];
  i, bad: integer;

function ToRoman(n: integer): string;
var
  k: integer;
begin
  Result := '';
  for k := 1 to 13 do
    while n >= values[k] do
    begin
      Result := Result + symbols[k];
      n := n - values[k];
    end;
end;

function Value(c: char): integer;
begin
  case c of
    'I': Value := 1;
    'V': Value := 5;
    'X': Value := 10;
    'L': Value := 50;
    'C': Value := 100;
    'D': Value := 500;
    'M': Value := 1000;
  else
    Value := 0;
  end;
end;

function FromRoman(const s: string): integer;
var
  k, v: integer;
begin
  Result := 0;
  for k := 1 to length(s) do
  begin
    v := Value(s[k]);
    if (k < length(s)) and (v < Value(s[k + 1])) then Result := Result - v
    else Result := Result + v;
  end;
end;

begin
  values[1] := 1000; symbols[1] := 'M';
  values[2] := 900; symbols[2] := 'CM';
  values[3] := 500; symbols[3] := 'D';
  values[4] := 400; symbols[4] := 'CD';
  values[5] := 100; symbols[5] := 'C';
  values[6] := 90; symbols[6] := 'XC';
  values[7] := 50; symbols[7] := 'L';
  values[8] := 40; symbols[8] := 'XL';
  values[9] := 10; symbols[9] := 'X';
  values[10] := 9; symbols[10] := 'IX';
  values[11] := 5; symbols[11] := 'V';
  values[12] := 4; symbols[12] := 'IV';
  values[13] := 1; symbols[13] := 'I';
  writeln(ToRoman(1994), ' ', ToRoman(2024), ' ', ToRoman(3888), ' ', ToRoman(4), ' ', ToRoman(49));
  writeln(FromRoman('MCMXCIV'), ' ', FromRoman('XLII'), ' ', FromRoman('MMMDCCCLXXXVIII'));
  bad := 0;
  for i := 1 to 2000 do
    if FromRoman(ToRoman(i)) <> i then inc(bad);
  writeln('round trip errors: ', bad);
  for i := 1 to 12 do write(ToRoman(i), ' ');
  writeln;
end.
