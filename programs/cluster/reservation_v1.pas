{ The reservation front end, service reservation: reads requests
  ("apple 2") and books them with a warehouse of service inventory. }
program Reservation;
var
  item: string;
  qty, left, booked: integer;

function reserve(item: string; qty: integer): integer; external 'inventory';

begin
  booked := 0;
  while not eof do begin
    { Where the running loop moves to a new version of the front end. }
    {$dvm updatepoint}
    read(qty);
    readln(item);
    item := copy(item, 2, length(item) - 1);
    left := reserve(item, qty);
    if left < 0 then
      writeln(item, ': not enough in the warehouse')
    else begin
      booked := booked + 1;
      writeln('booked ', qty, ' ', item, ', ', left, ' left');
    end;
  end;
end.
