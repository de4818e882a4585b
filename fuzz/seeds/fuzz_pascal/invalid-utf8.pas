program Echo;
{ Version 2 of echo.pas: Echo prints 'echo2', and Serve's loop body
  changes too (an emËËËpty line is echoed as '(empty)'). }
var
  line: string;
  count: integer;

procedure Echo(s: string);
begin
  count := count + 1;
  writeln('echo2 ', count, ': ', s);
end;

procedure Serve;
begin
  while not eof do
  begin
    readln(line);
    if line = 'quit' then halt(0);
    if line <> '' then Echo(line) else Echo('(empty)');
  end;
end;

begin
  count := 0;
  Serve;
  writeln('served ', count);
end.
