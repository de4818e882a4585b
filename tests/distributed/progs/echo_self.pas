{ Calls its own service while it reads input: waiting is idle, so it serves itself. }
program Echo;
var line: string;

{$dvm export}
function shout(s: string): string;
begin
  shout := upcase(s) + '!';
end;

function shout_remote(s: string): string; external 'echo' name 'shout';
begin
  while not eof do begin
    readln(line);
    writeln(shout_remote(line));
  end;
end.
