{ Calls relay.fwd with the number it reads. }
program RelayClient;
var n: integer;
function fwd(n: integer): integer; external 'relay';
begin
  readln(n);
  writeln('answer ', fwd(n));
end.
