-- Runs the specs in bindings/lua/spec against one built module, with busted when this
-- Lua has it, else with the small runner beside this file; either way the last line is
-- "N passed, N failed".
--
--   lua run.lua --cpath=DIR [--gc=aggressive] [--runner=busted|mini] [SPEC...]
--
-- DIR holds libarticle.so. --gc=aggressive makes the collector run all the time, to catch
-- lifetime bugs. The environment gives LIBARTICLE_SOURCE_DIR and LIBARTICLE_CLI.
local here = (arg[0]:match("^(.*)[/\\][^/\\]*$") or ".")
local root = here .. "/.."
local cpath, gc, runner = nil, "default", nil
local specs = {}
for _, a in ipairs(arg) do
    local k, v = a:match("^%-%-([%w_]+)=(.*)$")
    if k == "cpath" then
        cpath = v
    elseif k == "gc" then
        gc = v
    elseif k == "runner" then
        runner = v
    elseif a:sub(1, 2) == "--" then
        io.stderr:write("run.lua: unknown argument " .. a .. "\n")
        os.exit(2)
    else
        specs[#specs + 1] = a
    end
end
if not cpath then
    io.stderr:write("usage: lua run.lua --cpath=DIR [--gc=aggressive] [--runner=busted|mini]\n")
    os.exit(2)
end
package.cpath = cpath .. "/?.so;" .. package.cpath
package.path = root .. "/spec/?.lua;" .. package.path

if gc == "aggressive" then
    -- A new cycle starts as soon as one ends: objects are swept while the specs still
    -- run. 5.4's generational mode has a memory test of its own in lifetime_spec.lua.
    collectgarbage("setpause", 0)
elseif gc ~= "default" then
    io.stderr:write("run.lua: --gc is default or aggressive\n")
    os.exit(2)
end
LIBARTICLE_SPEC_GC = gc -- read by spec/helper.lua

print(("libarticle specs: %s, module from %s, gc %s"):format(
    (jit and jit.version) or _VERSION, cpath, gc))

if runner == nil then
    runner = pcall(require, "busted.runner") and "busted" or "mini"
    if runner == "mini" then
        print("busted is not available for " .. _VERSION .. ": using the small runner")
    end
end

if #specs == 0 then specs = { root .. "/spec" } end
if runner == "busted" then
    arg = { "--output=" .. here .. "/summary.lua", "--pattern=_spec" }
    for _, s in ipairs(specs) do arg[#arg + 1] = s end
    require("busted.runner")({ standalone = false })
    os.exit(0, true) -- closing the state collects every article (valgrind sees no leak)
elseif runner == "mini" then
    local mini = dofile(here .. "/minispec.lua")
    os.exit(mini.run(specs) and 0 or 1, true)
else
    io.stderr:write("run.lua: --runner is busted or mini\n")
    os.exit(2)
end
