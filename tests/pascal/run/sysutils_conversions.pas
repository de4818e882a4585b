{ sysutils: IntToHex (upper case, padded to the digits asked for, never
  cut), StrToFloat (leading blanks, exponents, signs), SameText (case-blind
  equality), with IntToStr, StrToInt and FloatToStr around them. }
program sysutils_conversions;
uses sysutils;
var
  x: real;
  n: integer;
  words: array[1..4] of string = ('Hello', 'hELLO', 'help', '');
  i, j: integer;
begin
  writeln(IntToHex(255, 4), ' ', IntToHex(4096, 1), ' ', IntToHex(0, 0), ' ', IntToHex(1234567890123, 2),
          ' ', IntToHex(48879, 8));
  x := StrToFloat('3.25');
  writeln(x:0:3);
  x := StrToFloat(' 1e3');
  writeln(x:0:1);
  x := StrToFloat('-0.5E-2');
  writeln(FloatToStr(x));
  n := StrToInt('  42');
  writeln(IntToStr(n * 2), ' ', IntToHex(n, 2));
  for i := 1 to 4 do
  begin
    for j := 1 to 4 do
      write(SameText(words[i], words[j]):6);
    writeln;
  end;
end.
