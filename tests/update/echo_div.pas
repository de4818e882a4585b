program Echo;
{ A version of echo.pas whose new Echo fails at run time on the input 'zero'
  (division by zero): the error must name this file and this file's line,
  while the unchanged Serve in the trace still names echo.pas and its line.
  The blank lines below move Echo away from where echo.pas has it. }
var
  line: string;
  count: integer;



procedure Echo(s: string);
var
  d: integer;
begin
  count := count + 1;
  d := 0;
  if s = 'zero' then writeln(count div d);
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
  count := 0;
  Serve;
  writeln('served ', count);
end.
