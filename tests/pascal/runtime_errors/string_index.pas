{ runtime-error: 11: string index out of range }
program StringIndex;
var
  s: string;
  i: integer;
begin
  s := 'abc';
  for i := 1 to 3 do write(s[i]);
  writeln;
  i := length(s);
  writeln(s[i + 1]);
end.
