{ A front end that is itself a service (updated with inventory in one cluster update). }
program Front;
var i, r: integer;

{$dvm export}
function hello(n: integer): integer;
begin
  hello := n + 100;
end;

function reserve(client: integer; seq: integer; item: string): integer; external 'inventory';
begin
  for i := 1 to 1000000 do begin
    r := reserve(0, i, 'y');
    writeln('front ', i, ' ', r mod 10);
    flush(output);
    sleep(30);
  end;
end.
