program sysutils_more;
{ sysutils' CompareStr/CompareText (fpc's values: the first differing bytes'
  difference, else the sign of the length difference), QuotedStr,
  AnsiQuotedStr, BoolToStr, StrToFloatDef, AnsiUpperCase/AnsiLowerCase and
  FloatToStrF in its four formats with precisions and digits at their edges. }
uses sysutils;
var x: real; f: TFloatFormat; k: integer;
begin
  writeln(CompareText('abc', 'ABD'), ' ', CompareText('abc', 'ab'), ' ', CompareText('a', 'abcd'), ' ', CompareText('Zz', 'zZ'), ' ', CompareText('[', 'a'));
  writeln(CompareStr('b', 'a'), ' ', CompareStr('a', 'abc'), ' ', CompareStr('abc', 'abc'), ' ', CompareStr('a', 'B'), ' ', CompareStr('xyz', 'xa'));
  writeln(CompareText('a', 'abcdefg'), ' ', CompareText('abcdefg', 'a'), ' ', CompareStr(#200, 'a'), ' ', CompareText(#200, 'a'), ' ', CompareText('', ''));
  writeln(QuotedStr('it''s'), ' ', QuotedStr(''), ' ', AnsiQuotedStr('a"b', '"'));
  writeln(BoolToStr(true), ' ', BoolToStr(false), ' ', BoolToStr(true, 'yes', 'no'), ' ', BoolToStr(1 > 2, 'yes', 'no'));
  writeln(FloatToStrF(3.14159, ffFixed, 8, 2), '|', FloatToStrF(1234567.891, ffNumber, 10, 1), '|', FloatToStrF(0.000123, ffExponent, 4, 2), '|', FloatToStrF(123.456, ffGeneral, 4, 0));
  writeln(StrToFloatDef('x', 1.5):0:1, ' ', StrToFloatDef('2.25', 0):0:2);
  writeln(AnsiUpperCase('abc'), AnsiLowerCase('XyZ'));
  x := 123456789.5;
  writeln(FloatToStrF(x, ffFixed, 4, 2), '|', FloatToStrF(x, ffFixed, 15, 2), '|', FloatToStrF(x, ffNumber, 4, 2), '|', FloatToStrF(-2.5, ffFixed, 15, 0), '|', FloatToStrF(0.125, ffFixed, 15, 2));
  writeln(FloatToStrF(x, ffGeneral, 4, 0), '|', FloatToStrF(0.1, ffGeneral, 15, 0), '|', FloatToStrF(2.5, ffFixed, 20, 3), '|', FloatToStrF(-0.001, ffFixed, 15, 2));
  x := 3.14159;
  writeln(FloatToStrF(x, ffFixed, 0, 2), '|', FloatToStrF(x, ffFixed, 18, 2), '|', FloatToStrF(x, ffFixed, 3, 5), '|', FloatToStrF(x, ffFixed, 7, 17));
  for f := ffGeneral to ffNumber do
    for k := 0 to 5 do
      write(FloatToStrF(-x * 1000, f, k * 3, k), '|', FloatToStrF(x / 1e6, f, 7, k), '|');
  writeln;
  for k := 0 to 5 do write(FloatToStrF(1.5e300, ffExponent, 5, k), ' ', FloatToStrF(0, ffExponent, 3, k), ' ', FloatToStrF(-2.5e-300, ffExponent, 20, k), ' ');
  writeln;
  writeln(FloatToStrF(0, ffGeneral, 15, 0), FloatToStrF(100, ffGeneral, 2, 0), ' ', FloatToStrF(12345.678, ffNumber, 15, 2), ' ', FloatToStrF(1e-10, ffGeneral, 15, 0));
end.
