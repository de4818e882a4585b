{ A service whose calls call out in turn: each passes its argument on to busy.spin. }
program Relay;

function spin(seconds: integer): integer; external 'busy';

{$dvm export}
function fwd(seconds: integer): integer;
begin
  fwd := spin(seconds);
end;

begin
  serve;
end.
