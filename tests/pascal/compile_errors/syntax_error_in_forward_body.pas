{ error-line: 11 }
program SyntaxErrorInForwardBody;
procedure p; forward;
procedure q;
begin
  p
end;
procedure p;
begin
  writeln(1)
  writeln(2)
end;
begin
  q
end.
