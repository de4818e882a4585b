{ runtime-error: 10: string index out of range (index 6, length 5) }
program StringIndexDetails;
{ s[i] outside the string names the index and the string's length. }
var
  s: string;
  i: integer;
begin
  s := 'hello';
  i := length(s) + 1;
  writeln(s[i]);
end.
