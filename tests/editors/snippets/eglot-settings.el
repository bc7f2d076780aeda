;; bnlint settings (init.el, after the lines above): Eglot sends the plist after
;; :initializationOptions as JSON; the first matching entry of the list wins.
(with-eval-after-load 'eglot
  (add-to-list 'eglot-server-programs
               '((python-mode python-ts-mode)
                 . ("bnlint" "serve"
                    :initializationOptions
                    (:ignore ["BN007"] :severity (:BN002 "error")
                     :run "onType" :debounceMs 150)))))
