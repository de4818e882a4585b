program Echo;
{ The program the control-channel tests update: it echoes each input line
  through Echo, from the loop in Serve; 'quit' ends it from inside Serve.
  echo_v2.pas changes both bodies. }
var
  line: string;
  count: integer;

procedure Echo(s: string);
begin
  count := count + 1;
  writeln('echo1 ', count, ': ', s);
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
