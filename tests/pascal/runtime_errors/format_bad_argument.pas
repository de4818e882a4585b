{ runtime-error: 13: invalid format or argument for Format }
program FormatBadArgument;
{ A format known only when the program runs that asks for a kind of argument
  the list does not hold at its place stops the program (fpc raises
  EConvertError). }
uses sysutils;
var
  f: string;
begin
  f := '%d apples';
  writeln(Format(f, [3]));
  f := '%s apples';
  writeln(Format(f, [3]));
end.
