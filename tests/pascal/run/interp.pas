program Interp;
{ A tiny stack-machine interpreter: instructions are records with an enumeration opcode,
  the program computes factorials and a sum with jumps; the trace prints opcodes by name. }
type
  TOp = (opPush, opLoad, opStore, opAdd, opSub, opMul, opJz, opJmp, opPrint, opHalt);
  TInstr = record
    op: TOp;
    arg: integer;
  end;
var
  code: array[0..31] of TInstr;
  ncode: integer;
  stack: array[1..16] of integer;
  mem: array[0..7] of integer;
  sp, pc, steps: integer;
  running: boolean;
  counts: array[TOp] of integer;
  o: TOp;

procedure Emit(op: TOp; arg: integer);
begin
  code[ncode].op := op;
  code[ncode].arg := arg;
  inc(ncode);
end;

procedure Run(trace: boolean);
var
  ins: TInstr;
  a, b: integer;
begin
  sp := 0; pc := 0; steps := 0;
  running := true;
  while running do
  begin
    ins := code[pc];
    inc(pc);
    inc(steps);
    inc(counts[ins.op]);
    if trace then writeln('  ', pc - 1:2, ' ', ins.op, ' ', ins.arg);
    case ins.op of
      opPush: begin inc(sp); stack[sp] := ins.arg; end;
      opLoad: begin inc(sp); stack[sp] := mem[ins.arg]; end;
      opStore: begin mem[ins.arg] := stack[sp]; dec(sp); end;
      opAdd, opSub, opMul:
        begin
          b := stack[sp]; dec(sp);
          a := stack[sp];
          case ins.op of
            opAdd: stack[sp] := a + b;
            opSub: stack[sp] := a - b;
            opMul: stack[sp] := a * b;
          end;
        end;
      opJz: begin if stack[sp] = 0 then pc := ins.arg; dec(sp); end;
      opJmp: pc := ins.arg;
      opPrint: begin writeln('print ', stack[sp]); dec(sp); end;
      opHalt: running := false;
    end;
  end;
end;

begin
  { mem[0] := 10; mem[1] := 1; while mem[0] <> 0 do begin mem[1] := mem[1] * mem[0]; dec(mem[0]) end; print mem[1] }
  ncode := 0;
  Emit(opPush, 10); Emit(opStore, 0);
  Emit(opPush, 1); Emit(opStore, 1);
  Emit(opLoad, 0); Emit(opJz, 15);                        { 4, 5 }
  Emit(opLoad, 1); Emit(opLoad, 0); Emit(opMul, 0); Emit(opStore, 1);
  Emit(opLoad, 0); Emit(opPush, 1); Emit(opSub, 0); Emit(opStore, 0);
  Emit(opJmp, 4);                                         { 14 }
  Emit(opLoad, 1); Emit(opPrint, 0); Emit(opHalt, 0);     { 15 }
  for o := low(TOp) to high(TOp) do counts[o] := 0;
  Run(false);
  writeln('steps ', steps);
  for o := low(TOp) to high(TOp) do
    if counts[o] > 0 then write(o, ':', counts[o], ' ');
  writeln;
  ncode := 0;
  Emit(opPush, 2); Emit(opPush, 3); Emit(opAdd, 0); Emit(opPush, 7); Emit(opMul, 0);
  Emit(opPrint, 0); Emit(opHalt, 0);
  Run(true);
end.
