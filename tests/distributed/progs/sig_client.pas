program PriceClient;
function price(item: string): integer; external 'pricing';
begin
  writeln(price('abcd'));
end.
