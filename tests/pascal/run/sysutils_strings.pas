program SysUtilsStrings;
{ What `uses sysutils` brings that real programs use most: IntToStr,
  StrToInt and StrToIntDef, Trim and its one-sided forms, UpperCase and
  LowerCase. }
uses sysutils;
var
  s: string;
  n: integer;
begin
  s := '  Hello, World ' + #9;
  writeln('[', Trim(s), '] [', TrimLeft(s), '] [', TrimRight(s), ']');
  writeln('[', Trim(''), '] [', Trim('   '), '] [', Trim('x'), ']');
  writeln(UpperCase('mixed Case 123'), ' ', LowerCase('MIXED Case'));
  n := StrToInt('1234') + StrToInt(' -56');
  writeln(n, ' ', IntToStr(n * 2) + '!', ' ', length(IntToStr(-7)));
  writeln(StrToIntDef('12x', -1), ' ', StrToIntDef('$ff', 0), ' ', StrToIntDef('', 99));
end.
