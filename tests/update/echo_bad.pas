program Echo;
{ Not an acceptable update of echo.pas: the global count changes from an
  integer to a string, with no mapper and no obvious mapping. }
var
  line: string;
  count: string;

procedure Echo(s: string);
begin
  count := count + '*';
  writeln('echo3 ', count, ': ', s);
end;

procedure Serve;
begin
  while not eof do
  begin
    readln(line);
    if line = 'quit' then halt(0);
    Echo(line);
  end;
end;

begin
  count := '';
  Serve;
  writeln('served ', count);
end.
