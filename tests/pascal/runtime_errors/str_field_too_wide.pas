{ runtime-error: 10: out of memory }
{ dvm-options: --memory=64M }
program StrFieldTooWide;
var
  n: integer;
  s: string;
begin
  n := 2147483647;
  writeln('a field of 2^31 - 1 characters');
  str(2.5:n:2, s);
  writeln(length(s));
end.
