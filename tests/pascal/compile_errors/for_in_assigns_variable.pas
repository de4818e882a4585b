{ error-line: 8 }
program ForInAssignsVariable;
var
  s: string;
  ch: char;
begin
  s := 'abc';
  for ch in s do ch := upcase(ch);
  writeln(s)
end.
