{ Calls slow.slow with the number of milliseconds it reads. }
program SlowClient;
var ms: integer;
function slow(ms: integer): integer; external 'slow';
begin
  readln(ms);
  writeln('answer ', slow(ms));
end.
