-- busted output: gtest's per-test lines, then one closing "N passed, N failed" line
-- (errors count as failures, pending tests as skipped).
return function(options)
    local busted = require("busted")
    local handler = require("busted.outputHandlers.gtest")(options)
    busted.subscribe({ "suite", "end" }, function()
        io.write(("%d passed, %d failed, %d skipped\n"):format(handler.successesCount,
            handler.failuresCount + handler.errorsCount, handler.pendingsCount))
        io.flush()
        return nil, true
    end)
    return handler
end
